import { mkdtempSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Worker } from 'node:worker_threads'

import { afterEach, describe, expect, it } from 'vitest'

import { createSqliteStorage } from '../../server/src/storage/sqlite.js'
import { sessionRecord } from '../helpers/sessionRecord.js'

const require = createRequire(import.meta.url)
const dirs: string[] = []
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })))

/**
 * Another connection committing all the time, as the log's writer thread does while people draw.
 * A transaction that reads and then writes on the main connection, begun deferred, fails at once
 * with SQLITE_BUSY(_SNAPSHOT) when a commit lands between its read and its write: the busy
 * timeout does not apply to that upgrade. Uploads answered 500 that way under CI load.
 */
function committer(file: string): Worker {
  return new Worker(
    `const Database = require(${JSON.stringify(require.resolve('better-sqlite3'))})
     const { parentPort } = require('node:worker_threads')
     const db = new Database(${JSON.stringify(file)})
     db.pragma('busy_timeout = 5000')
     const insert = db.prepare('INSERT INTO updates (session_id, doc, seq, at, data) VALUES (?, ?, ?, ?, ?)')
     let seq = 0, stop = false
     parentPort.on('message', () => { stop = true })
     const tick = () => {
       if (stop) { db.close(); parentPort.postMessage('done'); return }
       for (let i = 0; i < 20; i++) insert.run('other', 'board', ++seq, Date.now(), Buffer.from([seq & 255]))
       parentPort.postMessage('tick')
       setImmediate(tick)
     }
     tick()`,
    { eval: true },
  )
}

describe('SQLite: read-then-write transactions on the main connection', () => {
  it('stores uploads while another connection commits, without SQLITE_BUSY', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mb-busy-'))
    dirs.push(dir)
    const file = join(dir, 'mockboard.db')
    const storage = createSqliteStorage(file)
    for (const id of ['busy', 'other']) await storage.createSession(sessionRecord(id))
    const worker = committer(file)
    await new Promise((resolve) => worker.once('message', resolve))
    const failures: string[] = []
    try {
      for (let i = 0; i < 400; i++) {
        try {
          await storage.putAsset(
            {
              id: `a${i}`,
              sessionId: 'busy',
              contentType: 'image/png',
              createdAt: i,
              data: new Uint8Array(64),
            },
            1e9,
          )
        } catch (err) {
          failures.push(String(err))
        }
        // Let the other connection commit between our transactions too.
        if (i % 20 === 0) await new Promise((r) => setImmediate(r))
      }
    } finally {
      worker.postMessage('stop')
      await new Promise((resolve) => worker.on('message', (m) => m === 'done' && resolve(null)))
      await storage.close()
    }
    expect(failures).toEqual([])
  }, 60_000)
})
