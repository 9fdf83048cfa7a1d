// Entry of a DocWorkerPool worker when the server runs from its TypeScript sources (tsx in
// `npm run dev`, vite-node in tests): a worker thread starts without the parent's loader, so
// register tsx here, then load the worker itself. `npm start` runs the built server, whose
// server/dist/docWorker.mjs is the worker built to JavaScript (scripts/server-build.mjs).
import { register } from 'tsx/esm/api'

register()
await import('./docWorker.ts')
