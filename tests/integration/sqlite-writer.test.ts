import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'

import { startLogWriter, type UpdateRow } from '../../server/src/storage/sqliteWriter.js'

const SQL = {
  insertUpdate: 'INSERT INTO updates (session_id, doc, seq, at, data) VALUES (?, ?, ?, ?, ?)',
  insertSnapshot:
    'INSERT INTO snapshots (session_id, doc, seq, at, data) VALUES (@sessionId, @doc, @bound, @at, @data)',
}

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

/** A WAL database with the log's two tables. */
function database(): { file: string; db: Database.Database } {
  const dir = mkdtempSync(join(tmpdir(), 'mockboard-writer-'))
  dirs.push(dir)
  const file = join(dir, 'log.db')
  const db = new Database(file)
  db.pragma('journal_mode = WAL')
  db.exec(`CREATE TABLE updates (session_id TEXT, doc TEXT, seq INTEGER, at INTEGER, data BLOB,
             PRIMARY KEY (session_id, doc, seq)) WITHOUT ROWID;
           CREATE TABLE snapshots (session_id TEXT, doc TEXT, seq INTEGER, at INTEGER, data BLOB,
             PRIMARY KEY (session_id, doc, seq)) WITHOUT ROWID;`)
  return { file, db }
}

const startWriter = (file: string) =>
  startLogWriter(file, SQL, (err) => {
    throw err
  })
const storedRows = (db: Database.Database) => db.prepare('SELECT seq, data FROM updates ORDER BY seq').all()

const row = (seq: number, bytes = [seq]): UpdateRow => [
  's1',
  'board',
  seq,
  1000 + seq,
  Uint8Array.from(bytes),
]

describe('the log writer thread', () => {
  it('commits rows handed over in one turn, each promise settling only once its row is readable', async () => {
    const { file, db } = database()
    const writer = startWriter(file)
    const count = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM updates')
    const appends = [1, 2, 3].map((seq) => writer.append(row(seq)).then(() => count.get()!.n))
    expect(count.get()!.n).toBe(0)
    const seen = await Promise.all(appends)
    for (const n of seen) expect(n).toBe(3)
    await writer.close()
    expect(storedRows(db)).toEqual([
      { seq: 1, data: Buffer.from([1]) },
      { seq: 2, data: Buffer.from([2]) },
      { seq: 3, data: Buffer.from([3]) },
    ])
    db.close()
  })

  it('rejects only the row that cannot be stored; the rest of its batch is stored once', async () => {
    const { file, db } = database()
    const writer = startWriter(file)
    await writer.append(row(2))
    const results = await Promise.allSettled([
      writer.append(row(1)),
      writer.append(row(2, [9])),
      writer.append(row(3)),
    ])
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled'])
    expect((results[1] as PromiseRejectedResult).reason).toBeInstanceOf(Error)
    expect(String((results[1] as PromiseRejectedResult).reason)).toMatch(/UNIQUE/)
    await writer.close()
    expect(storedRows(db)).toEqual([
      { seq: 1, data: Buffer.from([1]) },
      { seq: 2, data: Buffer.from([2]) },
      { seq: 3, data: Buffer.from([3]) },
    ])
    db.close()
  })

  it('copies only the bytes of a view, stores a snapshot after the appends it covers, flushes on close', async () => {
    const { file, db } = database()
    const writer = startWriter(file)
    const socketRead = Uint8Array.from([7, 7, 1, 2, 3, 7])
    const pending = writer.append(['s1', 'board', 1, 1001, socketRead.subarray(2, 5)])
    const snapshot = writer.saveSnapshot({
      sessionId: 's1',
      doc: 'board',
      bound: 1,
      at: 1001,
      data: Uint8Array.from([5]),
    })
    const late = writer.append(row(2))
    await writer.close()
    await Promise.all([pending, snapshot, late])
    expect(storedRows(db)).toEqual([
      { seq: 1, data: Buffer.from([1, 2, 3]) },
      { seq: 2, data: Buffer.from([2]) },
    ])
    expect(db.prepare('SELECT seq FROM snapshots').all()).toEqual([{ seq: 1 }])
    db.close()
  })

  it('a thread that cannot open the database rejects every write and reports it', async () => {
    const failures: unknown[] = []
    const writer = startLogWriter('/proc/definitely/not/here.db', SQL, (err) => failures.push(err))
    await expect(writer.append(row(1))).rejects.toThrow()
    expect(failures).toHaveLength(1)
    await expect(writer.append(row(2))).rejects.toThrow()
  })
})
