import type { DocName, Role } from '@mockboard/shared'
import type Database from 'better-sqlite3'

import { type ClientRoles, MAX_ANNOUNCED_PER_ROLE, type Storage } from './Storage.js'

/** The roles of client ids (see UpdateGate), in the SQLite store. */
export function sqliteClientIds(db: Database.Database): Pick<Storage, 'loadClientIds' | 'recordAnnounced'> & {
  /**
   * Writes the roles at once, on the event loop, before the update that brings the ids is
   * journaled: a room loading the log finds every id in it that has a role recorded (rare: once
   * per id and document). An id recorded already keeps its role; recorded for another role, it
   * throws and nothing is written (the append fails, as with PostgreSQL).
   */
  recordClientIds: (sessionId: string, doc: DocName, ids: ClientRoles) => void
} {
  const insertOne = db.prepare<[string, string, number, string]>(
    'INSERT OR IGNORE INTO client_ids (session_id, doc, client, role) VALUES (?, ?, ?, ?)',
  )
  const roleOf = db
    .prepare<[string, string, number], Role>(
      'SELECT role FROM client_ids WHERE session_id = ? AND doc = ? AND client = ?',
    )
    .pluck()
  const recordClientIds = db.transaction((sessionId: string, doc: string, ids: ClientRoles) => {
    for (const [client, role] of ids) {
      if (insertOne.run(sessionId, doc, client, role).changes > 0) continue
      const recorded = roleOf.get(sessionId, doc, client)
      if (recorded !== role) throw new Error(`client id ${client} is recorded for the ${recorded}`)
    }
  })
  const count = db
    .prepare<[string, string, string], number>(
      'SELECT count(*) FROM client_ids WHERE session_id = ? AND doc = ? AND role = ?',
    )
    .pluck()
  const recordAnnounced = db.transaction(
    (sessionId: string, doc: string, role: Role, ids: readonly number[]) => {
      let room = MAX_ANNOUNCED_PER_ROLE - count.get(sessionId, doc, role)!
      for (const client of ids) {
        if (room <= 0) return
        room -= insertOne.run(sessionId, doc, client, role).changes
      }
    },
  )
  const select = db.prepare<[string, string], { client: number; role: Role }>(
    'SELECT client, role FROM client_ids WHERE session_id = ? AND doc = ?',
  )
  return {
    recordClientIds,
    async recordAnnounced(sessionId, doc, role, ids) {
      recordAnnounced(sessionId, doc, role, ids)
    },
    async loadClientIds(sessionId, doc) {
      return new Map(select.all(sessionId, doc).map((r) => [r.client, r.role]))
    },
  }
}
