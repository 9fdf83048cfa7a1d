import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import Database from 'better-sqlite3'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'

import { POSTGRES_MIGRATIONS } from '../../server/src/storage/migrations/postgresMigrations.js'
import { migrateSqlite, SQLITE_MIGRATIONS } from '../../server/src/storage/migrations/sqliteMigrations.js'
import { createPostgresStorage } from '../../server/src/storage/postgres.js'
import { createSqliteStorage } from '../../server/src/storage/sqlite.js'
import { type Storage, storedParts } from '../../server/src/storage/Storage.js'
import { createDatabase, type Service, skipUnlessServices, startPostgres } from '../helpers/services.js'

/** Databases as the first commits left them: their schema verbatim and a session with two board updates. */
const fixture = (name: string) =>
  readFileSync(new URL(`../fixtures/migrations/${name}`, import.meta.url), 'utf8')

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0])

/** What an old database must still give after migrating, and what the new schema must take. */
async function expectOldDataServed(storage: Storage): Promise<void> {
  expect(await storage.getSession('old-session')).toEqual({
    id: 'old-session',
    title: 'Design a URL shortener',
    problem: 'Short links',
    problemId: null,
    phases: [{ name: 'All', minutes: 45 }],
    createdAt: 1000,
    endedAt: null,
    reportShared: false,
    replayShared: false,
    workspaceId: null,
    candidate: '',
  })
  const stored = await storage.loadDoc('old-session', 'board')
  expect(stored.snapshot?.seq).toBe(1)
  expect(stored.tail.map((u) => u.seq)).toEqual([2])
  const doc = new Y.Doc()
  for (const part of storedParts(stored)) Y.applyUpdate(doc, part)
  expect(doc.getMap('m').toJSON()).toEqual({ a: 1, b: 2 })
  // The snapshot predates log_bytes (NULL): the size is still right.
  expect(await storage.logBytes('old-session', 'board')).toBe(28)
  // The log goes on where it stopped, and tables added since work.
  expect(await storage.appendUpdate('old-session', 'board', Uint8Array.of(0, 0), 4000)).toEqual({
    seq: 3,
    at: 4000,
  })
  const asset = {
    id: 'a'.repeat(32),
    sessionId: 'old-session',
    contentType: 'image/png',
    data: PNG,
    createdAt: 5,
  }
  expect(await storage.putAsset(asset, 1024)).toBe(true)
  expect((await storage.getAsset(asset.id))?.data).toEqual(PNG)
}

describe('numbered migrations: SQLite', () => {
  const dirs: string[] = []
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })))
  const oldFile = () => {
    const dir = mkdtempSync(join(tmpdir(), 'mockboard-migrate-'))
    dirs.push(dir)
    const file = join(dir, 'mockboard.db')
    const db = new Database(file)
    db.exec(fixture('sqlite-first-commit.sql'))
    db.close()
    return file
  }
  const versions = (file: string) => {
    const db = new Database(file, { readonly: true })
    const rows = db
      .prepare<[], { version: number }>('SELECT version FROM schema_migrations ORDER BY version')
      .all()
    const indexes = db
      .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'index'")
      .all()
    db.close()
    return { versions: rows.map((r) => r.version), indexes: indexes.map((i) => i.name) }
  }

  it('migrates a file made by the first commit, step by step, and keeps its data', async () => {
    const file = oldFile()
    const storage = createSqliteStorage(file)
    await expectOldDataServed(storage)
    await storage.close()
    const after = versions(file)
    expect(after.versions).toEqual(SQLITE_MIGRATIONS.map((m) => m.version))
    expect(after.indexes).not.toContain('updates_at') // step 2 dropped it
    expect(after.indexes).toContain('assets_session')
    expect(after.indexes).toContain('updates_key') // step 10: the log in arrival order

    // Opening again applies nothing and loses nothing.
    const db = new Database(file)
    expect(migrateSqlite(db)).toEqual([])
    db.close()
    const again = createSqliteStorage(file)
    expect((await again.loadDoc('old-session', 'board')).tail.map((u) => u.seq)).toEqual([2, 3])
    await again.close()
  })

  it('stores the log load by load, sorted by session within each, and keeps each document in seq order', async () => {
    const file = oldFile()
    const storage = createSqliteStorage(file)
    const appended = []
    for (let i = 0; i < 6; i++)
      appended.push(
        storage.appendUpdate(i % 2 ? 'old-session' : 'other', 'board', Uint8Array.of(i), 5000 + i),
      )
    await Promise.all(appended)
    expect((await storage.loadDoc('other', 'board')).tail.map((u) => [u.seq, u.data[0]])).toEqual([
      [1, 0],
      [2, 2],
      [3, 4],
    ])
    await storage.close()
    const db = new Database(file, { readonly: true })
    // The old rows (copied session by session), then the new ones: one load of the journal, sorted.
    const rows = db
      .prepare<[], { s: string; seq: number }>('SELECT session_id AS s, seq FROM updates ORDER BY rowid')
      .all()
      .map((r) => `${r.s}:${r.seq}`)
    db.close()
    expect(rows).toEqual([
      'old-session:1',
      'old-session:2',
      'old-session:3',
      'old-session:4',
      'old-session:5',
      'other:1',
      'other:2',
      'other:3',
    ])
  })

  it('counts the log once after step 10 copied it (free pages are not data)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mockboard-migrate-'))
    dirs.push(dir)
    const file = join(dir, 'mockboard.db')
    const db = new Database(file)
    migrateSqlite(
      db,
      SQLITE_MIGRATIONS.filter((m) => m.version < 10),
    )
    const insert = db.prepare('INSERT INTO updates (session_id, doc, seq, at, data) VALUES (?, ?, ?, ?, ?)')
    db.transaction(() => {
      for (let seq = 1; seq <= 2000; seq++)
        insert.run(`s${seq % 20}`, 'board', seq, seq, Buffer.alloc(1000, seq))
    })()
    const live = () =>
      ((db.pragma('page_count', { simple: true }) as number) -
        (db.pragma('freelist_count', { simple: true }) as number)) *
      (db.pragma('page_size', { simple: true }) as number)
    const before = live()
    db.close()
    const storage = createSqliteStorage(file)
    expect(versions(file).versions.at(-1)).toBe(SQLITE_MIGRATIONS.at(-1)!.version)
    const after = await storage.usedBytes()
    expect(after).toBeGreaterThan(2000 * 1000)
    expect(after).toBeLessThan(before * 1.25)
    await storage.close()
  })

  it('applies the steps in one transaction: a failing step leaves the file as it was', () => {
    const db = new Database(':memory:')
    const steps = [
      { version: 1, name: 'ok', up: 'CREATE TABLE kept (x INTEGER);' },
      { version: 2, name: 'broken', up: 'CREATE TABLE nope (;' },
    ]
    expect(() => migrateSqlite(db, steps)).toThrow()
    const tables = db
      .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'")
      .all()
    expect(tables.map((t) => t.name)).toEqual([])
    db.close()
  })

  it('refuses to start on a file whose schema is newer than this server', async () => {
    const file = oldFile()
    await createSqliteStorage(file).close()
    const db = new Database(file)
    db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, ?, 0)').run('future')
    db.close()
    expect(() => createSqliteStorage(file)).toThrow(/version 999, newer than this server knows/)
  })
})

const skip = skipUnlessServices()
let postgres: Service | null = null
const cleanups: (() => Promise<void>)[] = []
afterAll(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup().catch(() => {})
  await postgres?.stop()
})

describe.skipIf(skip)('numbered migrations: PostgreSQL', () => {
  it('migrates a database made by the first PostgreSQL commit, once, with two instances starting at once', async () => {
    postgres ??= await startPostgres()
    const url = await createDatabase(postgres.url, 'migrate_old')
    const raw = new pg.Client({ connectionString: url })
    await raw.connect()
    cleanups.push(() => raw.end())
    await raw.query(fixture('postgres-first-commit.sql'))

    const [one, two] = await Promise.all([createPostgresStorage(url), createPostgresStorage(url)])
    cleanups.push(
      () => one.close(),
      () => two.close(),
    )
    await expectOldDataServed(one)
    expect((await two.loadDoc('old-session', 'board')).tail.map((u) => u.seq)).toEqual([2, 3])
    const { rows } = await raw.query<{ version: number }>(
      'SELECT version FROM schema_migrations ORDER BY version',
    )
    expect(rows.map((r) => r.version)).toEqual(POSTGRES_MIGRATIONS.map((m) => m.version))
  })
})
