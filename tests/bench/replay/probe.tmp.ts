import { createSqliteStorage } from '../../../server/src/storage/sqlite.js'
import { generateSession } from './generateSession.js'
const storage = createSqliteStorage(':memory:')
const g = await generateSession(storage, { id: 'probe', startAt: Date.now() - 3 * 3600_000, seed: 42, snapshotEvery: 500 })
console.log(JSON.stringify(g))
await storage.close()
