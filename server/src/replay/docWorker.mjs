// Entry of a DocWorkerPool worker. The server runs from TypeScript sources (tsx in `npm start`
// and Docker, vite-node in tests), and a worker thread starts without the parent's loader:
// register tsx here, then load the worker itself.
import { register } from 'tsx/esm/api'

register()
await import('./docWorker.ts')
