import type Database from 'better-sqlite3'

import type { Storage } from './Storage.js'

/** Tables naming a session, found when a session is deleted: tables added by later migrations are included. */
const TABLES_WITH_SESSION_ID = `
SELECT m.name AS name FROM sqlite_master m, pragma_table_info(m.name) c
WHERE m.type = 'table' AND c.name = 'session_id'`

export interface SqliteDeletionHooks {
  /** Resolves once every row of the session handed to the log is in SQLite (see LogWriter.settle). */
  settle: (sessionId: string) => Promise<void>
  /** Drops what the store caches of a deleted session. */
  forget: (sessionId: string) => void
  /** Empties the WAL, which still holds the deleted rows' pages as they were before. */
  truncateWal: () => Promise<void>
}

/**
 * Deleting sessions from the SQLite store. Every connection runs with `secure_delete`, so the
 * deleted rows are zeroed in the pages that held them; the WAL is then folded back and truncated,
 * so neither file keeps them once the deletion answers. The append journal's segments that held
 * them are deleted once loaded, before the rows are.
 */
export function sqliteDeletion(
  db: Database.Database,
  { settle, forget, truncateWal }: SqliteDeletionHooks,
): Pick<Storage, 'deleteSession' | 'sessionsCreatedBefore'> {
  const tables = db.prepare<[], string>(TABLES_WITH_SESSION_ID).pluck()
  const deleteRow = db.prepare('DELETE FROM sessions WHERE id = ?')
  const remove = db.transaction((id: string): boolean => {
    for (const table of tables.all()) db.prepare(`DELETE FROM "${table}" WHERE session_id = ?`).run(id)
    return deleteRow.run(id).changes > 0
  })
  const before = db
    .prepare<[number, number], string>(
      'SELECT id FROM sessions WHERE created_at < ? ORDER BY created_at LIMIT ?',
    )
    .pluck()
  return {
    async deleteSession(id) {
      // Its rows still in the append journal go to SQLite (and their segments away) first.
      await settle(id)
      const existed = remove.immediate(id)
      forget(id)
      if (existed) await truncateWal()
      return existed
    },
    async sessionsCreatedBefore(at, limit) {
      return before.all(at, limit)
    },
  }
}
