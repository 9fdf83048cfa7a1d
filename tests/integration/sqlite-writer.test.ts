import { spawn } from 'node:child_process'
import { once } from 'node:events'
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import Database from 'better-sqlite3'
import { afterEach, describe, expect, it, vi } from 'vitest'

import { createSqliteStorage } from '../../server/src/storage/sqlite.js'
import {
  type JournalHooks,
  type LoadSchedule,
  startLogWriter,
  type UpdateRow,
} from '../../server/src/storage/sqliteWriter.js'

const SQL = {
  insertUpdate: 'INSERT INTO updates (session_id, doc, seq, at, data) VALUES (?, ?, ?, ?, ?)',
  loadUpdate:
    'INSERT INTO updates (session_id, doc, seq, at, data) VALUES (?, ?, ?, ?, ?) ON CONFLICT (session_id, doc, seq) DO NOTHING',
  insertSnapshot:
    'INSERT INTO snapshots (session_id, doc, seq, at, data) VALUES (@sessionId, @doc, @bound, @at, @data)',
}
/** Loads only when asked (settle, close) unless a test says otherwise. */
const NEVER: LoadSchedule = { ms: 600_000, bytes: 1 << 30, chunkRows: 2000 }

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

/** A WAL database with the log's two tables, as the migrations leave them. */
function database(): { dir: string; file: string; db: Database.Database } {
  const dir = mkdtempSync(join(tmpdir(), 'mockboard-writer-'))
  dirs.push(dir)
  const file = join(dir, 'log.db')
  const db = new Database(file)
  db.pragma('journal_mode = WAL')
  db.exec(`CREATE TABLE updates (id INTEGER PRIMARY KEY, session_id TEXT, doc TEXT, seq INTEGER, at INTEGER, data BLOB);
           CREATE UNIQUE INDEX updates_key ON updates (session_id, doc, seq);
           CREATE TABLE snapshots (session_id TEXT, doc TEXT, seq INTEGER, at INTEGER, data BLOB,
             PRIMARY KEY (session_id, doc, seq)) WITHOUT ROWID;`)
  return { dir, file, db }
}

/** Every hook's calls, in order. */
function recorder() {
  const calls: Array<[keyof JournalHooks, unknown]> = []
  const hooks: JournalHooks = {
    onThreadFailure: (err) => calls.push(['onThreadFailure', String(err)]),
    onLoadFailure: (message) => calls.push(['onLoadFailure', message]),
    onOddities: (result) => calls.push(['onOddities', result]),
  }
  return { calls, hooks }
}

const segments = (dir: string) => readdirSync(dir).filter((f) => f.includes('-appends.'))
const count = (db: Database.Database) => db.prepare<[], number>('SELECT count(*) FROM updates').pluck().get()!
const row = (session: string, seq: number, bytes = [seq]): UpdateRow => [
  session,
  'board',
  seq,
  1000 + seq,
  Uint8Array.from(bytes),
]

describe('the log through the append journal', () => {
  it('an append is on disk when it resolves; SQLite has it after settle(), which deletes the segment', async () => {
    const { dir, file, db } = database()
    const writer = startLogWriter(file, db, SQL, recorder().hooks, NEVER)
    await Promise.all([writer.append(row('s1', 1)), writer.append(row('s1', 2, [0xab, 0xcd]))])
    expect(count(db)).toBe(0)
    const [segment] = segments(dir)
    expect(segment).toBe('log.db-appends.1')
    expect(readFileSync(join(dir, segment!)).includes(Buffer.from([0xab, 0xcd]))).toBe(true)
    expect(writer.pendingBytes).toBe(statSync(join(dir, segment!)).size)
    // Another session's reader does not wait; this one's does.
    await writer.settle('s2')
    expect(count(db)).toBe(0)
    await writer.settle('s1')
    expect(count(db)).toBe(2)
    expect(segments(dir)).toEqual([])
    expect(writer.pendingBytes).toBe(0)
    expect(writer.loads).toBe(1)
    await writer.close()
    db.close()
  })

  it('loads by itself after `ms`, or at once when a segment holds `bytes`', async () => {
    const { file, db } = database()
    const timed = startLogWriter(file, db, SQL, recorder().hooks, { ms: 30, bytes: 1 << 30, chunkRows: 2000 })
    await timed.append(row('s1', 1))
    await vi.waitFor(() => expect(count(db)).toBe(1))
    await timed.close()

    const sized = startLogWriter(file, db, SQL, recorder().hooks, {
      ms: 600_000,
      bytes: 200,
      chunkRows: 2000,
    })
    await sized.append(row('s1', 2, new Array(100).fill(1)))
    expect(sized.loads).toBe(0)
    await sized.append(row('s1', 3, new Array(100).fill(2)))
    expect(sized.loads).toBe(1) // sent in the append that filled it
    await vi.waitFor(() => expect(count(db)).toBe(3))
    await sized.close()
    db.close()
  })

  it('stores each load sorted by session, every byte and name as sent, in chunks of `chunkRows`', async () => {
    const { file, db } = database()
    const writer = startLogWriter(file, db, SQL, recorder().hooks, { ...NEVER, chunkRows: 2 })
    const everyByte = Uint8Array.from({ length: 256 }, (_, i) => i)
    const big = Buffer.alloc(1536 * 1024)
    for (let i = 0; i < big.length; i++) big[i] = (i * 131) % 256
    const socketRead = Uint8Array.from([7, 7, 1, 2, 3, 7])
    await writer.append(['zz', 'board', 1, 1, socketRead.subarray(2, 5)])
    await writer.append(['sé😀', 'böard', 1, 2, everyByte])
    await writer.append(['zz', 'board', 2, 3, big]) // past the reused buffer
    await writer.append(['aa', 'board', 1, 4, Uint8Array.from([0xff, 0, 0x80])])
    await writer.append(['zz', 'board', 3, 5, everyByte.subarray(250)])
    await writer.close()
    const rows = db
      .prepare<[], { data: Buffer }>('SELECT session_id, doc, seq, at, data FROM updates ORDER BY id')
      .all()
    // Compared apart: a deep equality over 1.5 MB takes seconds.
    expect(rows[3]!.data.equals(big)).toBe(true)
    rows[3]!.data = Buffer.from('big')
    expect(rows).toEqual([
      { session_id: 'aa', doc: 'board', seq: 1, at: 4, data: Buffer.from([0xff, 0, 0x80]) },
      { session_id: 'sé😀', doc: 'böard', seq: 1, at: 2, data: Buffer.from(everyByte) },
      { session_id: 'zz', doc: 'board', seq: 1, at: 1, data: Buffer.from([1, 2, 3]) },
      { session_id: 'zz', doc: 'board', seq: 2, at: 3, data: Buffer.from('big') },
      { session_id: 'zz', doc: 'board', seq: 3, at: 5, data: Buffer.from([250, 251, 252, 253, 254, 255]) },
    ])
    db.close()
  })

  it('queues a snapshot behind the rows it covers; settle() waits for it too', async () => {
    const { file, db } = database()
    const writer = startLogWriter(file, db, SQL, recorder().hooks, NEVER)
    await writer.append(row('s1', 1))
    await writer.saveSnapshot({ sessionId: 's1', doc: 'board', bound: 1, at: 1001, data: Uint8Array.of(5) })
    await writer.append(row('s1', 2))
    const snapshots = db.prepare<[], number>('SELECT count(*) FROM snapshots').pluck()
    expect(snapshots.get()).toBe(0)
    await writer.settle('s1')
    expect([count(db), snapshots.get()]).toEqual([2, 1])
    // A snapshot alone is waited for as well.
    await writer.saveSnapshot({ sessionId: 's2', doc: 'board', bound: 0, at: 1, data: Uint8Array.of(6) })
    await writer.settle('s2')
    expect(snapshots.get()).toBe(2)
    await writer.close()
    db.close()
  })

  it('refuses a row whose names do not fit a record, alone', async () => {
    const { file, db } = database()
    const writer = startLogWriter(file, db, SQL, recorder().hooks, NEVER)
    const results = await Promise.allSettled([
      writer.append(row('s1', 1)),
      writer.append(['s1', 'd'.repeat(256), 1, 1, Uint8Array.from([1])]),
      writer.append(['é'.repeat(40_000), 'board', 1, 1, Uint8Array.from([1])]),
      writer.append(row('s1', 2)),
    ])
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled'])
    expect(String((results[1] as PromiseRejectedResult).reason)).toMatch(/doc name over 255 bytes/)
    expect(String((results[2] as PromiseRejectedResult).reason)).toMatch(/session id over 65535 bytes/)
    await writer.close()
    expect(count(db)).toBe(2)
    db.close()
  })

  it('a restart loads what a crash left: a torn last record dropped, rows already stored skipped', async () => {
    const { dir, file, db } = database()
    const first = startLogWriter(file, db, SQL, recorder().hooks, NEVER)
    for (let seq = 1; seq <= 3; seq++) await first.append(row('s1', seq))
    // A "crash": the writer is dropped unclosed, its segment left as it is, the last record torn.
    const [segment] = segments(dir)
    truncateSync(join(dir, segment!), statSync(join(dir, segment!)).size - 1)
    // And one row was already loaded before the crash.
    db.prepare(SQL.insertUpdate).run(...row('s1', 1))

    const { calls, hooks } = recorder()
    const again = startLogWriter(file, db, SQL, hooks, NEVER)
    expect(db.prepare('SELECT seq FROM updates ORDER BY seq').pluck().all()).toEqual([1, 2])
    expect(calls).toEqual([['onOddities', { ignored: 1, missing: 0, torn: 38 }]])
    expect(segments(dir)).toEqual([])
    // Numbering goes on past the segments found.
    await again.append(row('s1', 4))
    expect(segments(dir)).toEqual(['log.db-appends.2'])
    await again.close()
    expect(count(db)).toBe(3)
    db.close()
  })

  it('a load that fails leaves its segment, rejects its readers, says so, and succeeds once it can', async () => {
    const { dir, file, db } = database()
    db.exec(`CREATE TRIGGER refuse BEFORE INSERT ON updates BEGIN SELECT RAISE(ABORT, 'no room'); END`)
    const { calls, hooks } = recorder()
    const writer = startLogWriter(file, db, SQL, hooks, { ms: 20, bytes: 1 << 30, chunkRows: 2000 })
    await writer.append(row('s1', 1))
    await expect(writer.settle('s1')).rejects.toThrow(/could not be loaded into SQLite: no room/)
    expect(calls).toEqual([['onLoadFailure', 'no room']])
    expect(segments(dir)).toEqual(['log.db-appends.1'])
    // Appends go on meanwhile, into the journal.
    await writer.append(row('s1', 2))
    db.exec('DROP TRIGGER refuse')
    await vi.waitFor(() => expect(count(db)).toBe(2))
    await vi.waitFor(() => expect(calls.at(-1)).toEqual(['onLoadFailure', null]))
    expect(segments(dir)).toEqual([])
    await writer.close()
    db.close()
  })

  it('when the thread fails, loads run on the caller’s connection', async () => {
    const { dir, db } = database()
    // The thread's file is a directory: it cannot open it. The caller's connection is `db`.
    const file = join(dir, 'not-a-file.db')
    mkdirSync(file)
    const { calls, hooks } = recorder()
    const writer = startLogWriter(file, db, SQL, hooks, NEVER)
    await writer.append(row('s1', 1))
    await vi.waitFor(() => expect(calls.map(([hook]) => hook)).toEqual(['onThreadFailure']))
    await writer.settle('s1')
    expect(count(db)).toBe(1)
    await writer.append(row('s1', 2))
    await writer.close()
    expect(count(db)).toBe(2)
    expect(segments(dir)).toEqual([])
    db.close()
  })

  it('closed while loads fail: the rows stay in their segment, their readers are refused, close answers every caller', async () => {
    const { dir, file, db } = database()
    db.exec(`CREATE TRIGGER refuse BEFORE INSERT ON updates BEGIN SELECT RAISE(ABORT, 'no room'); END`)
    const writer = startLogWriter(file, db, SQL, recorder().hooks, NEVER)
    await writer.append(row('s1', 1))
    const closes = [writer.close(), writer.close()]
    await Promise.all(closes)
    expect(closes[0]).toBe(closes[1])
    await expect(writer.settle('s1')).rejects.toThrow(/stopped/)
    expect(segments(dir)).toEqual(['log.db-appends.1'])
    // The next start loads it.
    db.exec('DROP TRIGGER refuse')
    await startLogWriter(file, db, SQL, recorder().hooks, NEVER).close()
    expect(count(db)).toBe(1)
    db.close()
  })

  it('closes cleanly with rows in hand while the event loop is busy', async () => {
    const { file, db } = database()
    const { calls, hooks } = recorder()
    const writer = startLogWriter(file, db, SQL, hooks, NEVER)
    await writer.append(row('s1', 1))
    await writer.append(row('s1', 2))
    const closed = writer.close()
    const until = Date.now() + 100
    while (Date.now() < until); // the rest of a shutdown keeps the loop busy meanwhile
    await closed
    await expect(writer.append(row('s1', 3))).rejects.toThrow(/stopped/)
    expect(calls).toEqual([])
    expect(count(db)).toBe(2)
    db.close()
  })
})

describe('one server per database file', () => {
  it('refuses a file another live process holds, takes over from one that is gone, and refuses a second open here', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mockboard-lock-'))
    dirs.push(dir)
    const file = join(dir, 'mockboard.db')
    const other = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' })
    writeFileSync(`${file}-appends.lock`, String(other.pid))
    expect(() => createSqliteStorage(file)).toThrow(`in use by process ${other.pid}`)
    other.kill('SIGKILL')
    await once(other, 'exit')
    const storage = createSqliteStorage(file)
    expect(readFileSync(`${file}-appends.lock`, 'utf8')).toBe(String(process.pid))
    expect(() => createSqliteStorage(file)).toThrow('open already in this process')
    await storage.close()
    expect(readdirSync(dir).filter((f) => f.endsWith('.lock'))).toEqual([])
    await createSqliteStorage(file).close()
  })
})
