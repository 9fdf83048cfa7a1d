import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import Database from 'better-sqlite3'
import pg from 'pg'
import { afterAll } from 'vitest'
import * as Y from 'yjs'

import { createPostgresStorage } from '../../server/src/storage/postgres.js'
import { createSqliteStorage } from '../../server/src/storage/sqlite.js'
import type { Storage } from '../../server/src/storage/Storage.js'
import { createDatabase, type Service, skipUnlessServices, startPostgres } from './services.js'

/** An update that sets `key` to `value` in the map 'm' of a fresh doc. */
export function mapUpdate(key: string, value: number): Uint8Array {
  const doc = new Y.Doc()
  doc.getMap('m').set(key, value)
  return Y.encodeStateAsUpdate(doc)
}

/** Writes behind the storage's back, to show what a method does (not) read. */
export interface Backdoor {
  /** Deletes a document's updates with seq <= `seq` from the table. */
  deleteUpdatesUpTo(sessionId: string, doc: string, seq: number): Promise<void>
  /** Makes every snapshot of the document look like one written before log sizes were kept. */
  forgetLogBytes(sessionId: string, doc: string): Promise<void>
}

export interface Backend {
  storage: Storage
  backdoor: Backdoor
  done: () => Promise<void>
}

/**
 * Every store a contract runs on, each opened by its test file: SQLite with the log's writes on a
 * thread of their own (a process with more than one core) and on the event loop (one core), and
 * PostgreSQL where its server is installed (a database `database` in a server this file starts).
 */
export function storageBackends(database: string): Array<[string, () => Promise<Backend>]> {
  const backends: Array<[string, () => Promise<Backend>]> = [true, false].map((writerThread) => [
    writerThread ? 'sqlite' : 'sqlite, log writes inline',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'mockboard-contract-'))
      const file = join(dir, 'test.db')
      const storage = createSqliteStorage(file, { writerThread })
      const raw = new Database(file)
      return {
        storage,
        backdoor: {
          // Around the store, on its file: what its append journal holds must be in SQLite first.
          deleteUpdatesUpTo: async (sessionId, doc, seq) => {
            await storage.settle(sessionId)
            raw
              .prepare('DELETE FROM updates WHERE session_id = ? AND doc = ? AND seq <= ?')
              .run(sessionId, doc, seq)
          },
          forgetLogBytes: async (sessionId, doc) => {
            await storage.settle(sessionId)
            raw
              .prepare('UPDATE snapshots SET log_bytes = NULL WHERE session_id = ? AND doc = ?')
              .run(sessionId, doc)
          },
        },
        done: async () => {
          raw.close()
          await storage.close()
          rmSync(dir, { recursive: true, force: true })
        },
      }
    },
  ])
  if (skipUnlessServices()) return backends
  let postgres: Service | null = null
  afterAll(async () => postgres?.stop())
  backends.push([
    'postgres',
    async () => {
      postgres ??= await startPostgres()
      const url = await createDatabase(postgres.url, database)
      const storage = await createPostgresStorage(url)
      const raw = new pg.Client({ connectionString: url })
      await raw.connect()
      return {
        storage,
        backdoor: {
          deleteUpdatesUpTo: async (sessionId, doc, seq) => {
            await raw.query('DELETE FROM updates WHERE session_id = $1 AND doc = $2 AND seq <= $3', [
              sessionId,
              doc,
              seq,
            ])
          },
          forgetLogBytes: async (sessionId, doc) => {
            await raw.query('UPDATE snapshots SET log_bytes = NULL WHERE session_id = $1 AND doc = $2', [
              sessionId,
              doc,
            ])
          },
        },
        done: async () => {
          await raw.end()
          await storage.close()
        },
      }
    },
  ])
  return backends
}
