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

  it('gathers the appends of consecutive turns into one commit, and sends them when a turn brings none', async () => {
    const { file, db } = database()
    // A window no test outlasts: only a quiet turn (or the byte cap) can send the batch.
    const writer = startLogWriter(file, SQL, (err) => void err, { ms: 60_000, bytes: 1024 })
    const count = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM updates')
    const firstSettled: number[] = []
    const appends: Promise<unknown>[] = []
    for (let seq = 1; seq <= 5; seq++) {
      const append = writer.append(row(seq))
      appends.push(seq === 1 ? append.then(() => firstSettled.push(count.get()!.n)) : append)
      await new Promise((resolve) => setImmediate(resolve))
    }
    // Five turns in a row brought an append each: nothing went to the thread yet.
    expect(writer.messages).toBe(0)
    expect(firstSettled).toEqual([])
    await Promise.all(appends)
    // One message, one transaction: the first row became readable with the other four.
    expect(writer.messages).toBe(1)
    expect(firstSettled).toEqual([5])
    await writer.close()
  })

  it('sends a gathering batch once it holds the byte cap, without waiting for a quiet turn', async () => {
    const { file, db } = database()
    const writer = startLogWriter(file, SQL, (err) => void err, { ms: 60_000, bytes: 8 })
    const count = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM updates')
    await writer.append(row(1)) // alone, it goes at the next quiet turn: the thread is up
    let stored = false
    const first = writer.append(row(2, [1, 2, 3, 4, 5, 6, 7, 8])).then(() => (stored = true))
    // An append in every turn from here on: only the cap can send the first row.
    let seq = 3
    const giveUpAt = performance.now() + 10_000
    while (!stored && performance.now() < giveUpAt) {
      void writer.append(row(seq++))
      await new Promise((resolve) => setImmediate(resolve))
    }
    expect(stored).toBe(true)
    await first
    await writer.close()
    expect(count.get()!.n).toBe(seq - 1)
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

  it('stores every byte value, names outside ASCII, and batches past the reused buffer as sent', async () => {
    const { file, db } = database()
    const writer = startWriter(file)
    const everyByte = Uint8Array.from({ length: 256 }, (_, i) => i)
    const big = Buffer.alloc(1536 * 1024)
    for (let i = 0; i < big.length; i++) big[i] = (i * 131) % 256
    await Promise.all([
      writer.append(['sé😀', 'böard', 1, 1, everyByte]),
      writer.append(['s1', 'board', 1, 2, big]),
      writer.append(['s1', 'board', 2, 3, everyByte.subarray(250)]),
    ])
    // A small batch after the large one goes through the reused buffer again.
    await writer.append(['s1', 'board', 3, 4, Uint8Array.from([0xff, 0, 0x80])])
    await writer.close()
    const rows = db
      .prepare<[], { data: Buffer }>('SELECT session_id, doc, seq, at, data FROM updates ORDER BY at')
      .all()
    // Compared apart: a deep equality over 1.5 MB takes seconds.
    expect(rows[1]!.data.equals(big)).toBe(true)
    rows[1]!.data = Buffer.from('big')
    expect(rows).toEqual([
      { session_id: 'sé😀', doc: 'böard', seq: 1, at: 1, data: Buffer.from(everyByte) },
      { session_id: 's1', doc: 'board', seq: 1, at: 2, data: Buffer.from('big') },
      { session_id: 's1', doc: 'board', seq: 2, at: 3, data: Buffer.from([250, 251, 252, 253, 254, 255]) },
      { session_id: 's1', doc: 'board', seq: 3, at: 4, data: Buffer.from([0xff, 0, 0x80]) },
    ])
    db.close()
  })

  it('closes cleanly with a batch in hand while the event loop is busy', async () => {
    const { file, db } = database()
    const failures: unknown[] = []
    const writer = startLogWriter(file, SQL, (err) => failures.push(err))
    await writer.append(row(1)) // the thread is up
    const pending = [writer.append(row(2)), writer.append(row(3))]
    const closed = writer.close() // the batch, then 'stop', reach the thread in one turn
    const until = Date.now() + 100
    while (Date.now() < until); // the rest of a shutdown keeps the loop busy meanwhile
    await closed
    await Promise.all(pending)
    // A failure would arrive as the thread's 'error' event: give it the turns it would need.
    for (let i = 0; i < 10; i++) await new Promise((resolve) => setTimeout(resolve, 10))
    expect(failures).toEqual([])
    expect(storedRows(db)).toHaveLength(3)
    db.close()
  })

  it('refuses a row whose names do not fit the packed layout, alone', async () => {
    const { file, db } = database()
    const writer = startWriter(file)
    const results = await Promise.allSettled([
      writer.append(row(1)),
      writer.append(['s1', 'd'.repeat(256), 1, 1, Uint8Array.from([1])]),
      writer.append(['é'.repeat(40_000), 'board', 1, 1, Uint8Array.from([1])]),
      writer.append(row(2)),
    ])
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled'])
    expect(String((results[1] as PromiseRejectedResult).reason)).toMatch(/doc name over 255 bytes/)
    expect(String((results[2] as PromiseRejectedResult).reason)).toMatch(/session id over 65535 bytes/)
    await writer.close()
    expect(storedRows(db)).toHaveLength(2)
    db.close()
  })

  it('a thread that cannot open the database rejects every write and reports it', async () => {
    const failures: unknown[] = []
    const writer = startLogWriter('/proc/definitely/not/here.db', SQL, (err) => failures.push(err))
    await expect(writer.append(row(1))).rejects.toThrow()
    expect(failures).toHaveLength(1)
    await expect(writer.append(row(2))).rejects.toThrow()
  })

  it('rejects the appends of a batch still gathering when the thread fails', async () => {
    const failures: unknown[] = []
    // Gathering for good: only the failure can settle these.
    const writer = startLogWriter('/proc/definitely/not/here.db', SQL, (err) => failures.push(err), {
      ms: 60_000,
      bytes: 1 << 20,
    })
    const settled: Array<Promise<unknown>> = []
    while (failures.length === 0) {
      settled.push(
        writer.append(row(settled.length + 1)).then(
          () => 'stored',
          () => 'rejected',
        ),
      )
      await new Promise((resolve) => setImmediate(resolve))
    }
    expect(writer.messages).toBe(0)
    expect(new Set(await Promise.all(settled))).toEqual(new Set(['rejected']))
  })
})
