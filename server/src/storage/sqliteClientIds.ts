import type { Role } from '@mockboard/shared'
import type Database from 'better-sqlite3'

import type { Storage } from './Storage.js'

/** The roles of client ids (see UpdateGate), in the SQLite store. */
export function sqliteClientIds(db: Database.Database): Pick<Storage, 'saveClientIds' | 'loadClientIds'> {
  const insertOne = db.prepare<[string, string, number, string]>(
    'INSERT OR IGNORE INTO client_ids (session_id, doc, client, role) VALUES (?, ?, ?, ?)',
  )
  const insert = db.transaction(
    (sessionId: string, doc: string, ids: ReadonlyArray<readonly [number, string]>) => {
      for (const [client, role] of ids) insertOne.run(sessionId, doc, client, role)
    },
  )
  const select = db.prepare<[string, string], { client: number; role: Role }>(
    'SELECT client, role FROM client_ids WHERE session_id = ? AND doc = ?',
  )
  return {
    async saveClientIds(sessionId, doc, ids) {
      // On the event loop, before the update that introduced them is journaled: a room loading the
      // log finds every id in it that has a role recorded (rare: once per id and document).
      insert(sessionId, doc, ids)
    },
    async loadClientIds(sessionId, doc) {
      return new Map(select.all(sessionId, doc).map((r) => [r.client, r.role]))
    },
  }
}
