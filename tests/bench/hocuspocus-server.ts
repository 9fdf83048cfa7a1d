/**
 * The hocuspocus reference as a child process. Without HOCUSPOCUS_SQLITE: no extensions, so no auth
 * and no persistence. With it: the database extension storing each document in that SQLite file with
 * the schema and statements of @hocuspocus/extension-sqlite (which needs the `sqlite3` package, whose
 * binary is downloaded from GitHub at install time and so cannot be installed here); better-sqlite3
 * runs the same SQL.
 */
import { Database } from '@hocuspocus/extension-database'
import { Server } from '@hocuspocus/server'
import SQLite from 'better-sqlite3'

const port = Number(process.env.HOCUSPOCUS_PORT ?? process.env.PORT)
const file = process.env.HOCUSPOCUS_SQLITE

function sqliteExtension(path: string): Database {
  const db = new SQLite(path)
  db.exec(
    'CREATE TABLE IF NOT EXISTS "documents" ("name" varchar(255) NOT NULL, "data" blob NOT NULL, UNIQUE(name))',
  )
  const select = db.prepare<{ name: string }, { data: Buffer }>(
    'SELECT data FROM "documents" WHERE name = $name',
  )
  const upsert = db.prepare(
    'INSERT INTO "documents" ("name", "data") VALUES ($name, $data) ON CONFLICT(name) DO UPDATE SET data = $data',
  )
  return new Database({
    fetch: async ({ documentName }) => select.get({ name: documentName })?.data ?? null,
    store: async ({ documentName, state }) => void upsert.run({ name: documentName, data: state }),
  })
}

const server = new Server({
  port,
  address: process.env.HOST ?? '127.0.0.1',
  quiet: true,
  stopOnSignals: true,
  extensions: file ? [sqliteExtension(file)] : [],
})
await server.listen()
