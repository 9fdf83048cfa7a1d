// `npm start`: build the client and the server if needed, then run the server in this same
// process (so signals reach it directly and it can shut down gracefully).
import { ensureClientBuilt } from './client-build.mjs'
import { ensureServerBuilt } from './server-build.mjs'

try {
  ensureClientBuilt()
  await ensureServerBuilt()
} catch (err) {
  console.error(`mockboard: ${err.message}`)
  process.exit(1)
}
// Stack traces name the TypeScript sources (server/dist holds their maps).
process.setSourceMapsEnabled(true)
await import('../server/dist/main.mjs')
