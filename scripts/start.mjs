// `npm start`: build the client if needed, then run the server in this same process (so signals
// reach it directly and it can shut down gracefully).
import { register } from 'tsx/esm/api'

import { ensureClientBuilt } from './client-build.mjs'

try {
  ensureClientBuilt()
} catch (err) {
  console.error(`mockboard: ${err.message}`)
  process.exit(1)
}
register()
await import('../server/src/main.ts')
