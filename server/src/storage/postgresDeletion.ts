import type pg from 'pg'

import type { Storage } from './Storage.js'

/** Tables naming a session, found at delete time: tables added by later migrations are included. */
const TABLES_WITH_SESSION_ID = `
SELECT table_name FROM information_schema.columns
WHERE column_name = 'session_id' AND table_schema = current_schema()`

/** Deleting sessions from the PostgreSQL store, in one transaction per session. */
export function postgresDeletion(pool: pg.Pool): Pick<Storage, 'deleteSession' | 'sessionsCreatedBefore'> {
  return {
    async deleteSession(id) {
      const client = await pool.connect()
      try {
        await client.query('BEGIN')
        // The row lock orders this after any upload holding it (putAsset locks the session row too).
        await client.query('SELECT 1 FROM sessions WHERE id = $1 FOR UPDATE', [id])
        const { rows } = await client.query<{ table_name: string }>(TABLES_WITH_SESSION_ID)
        for (const { table_name } of rows)
          await client.query(`DELETE FROM "${table_name.replace(/"/g, '""')}" WHERE session_id = $1`, [id])
        const deleted = await client.query('DELETE FROM sessions WHERE id = $1', [id])
        await client.query('COMMIT')
        return (deleted.rowCount ?? 0) > 0
      } catch (err) {
        await client.query('ROLLBACK').catch(() => {})
        throw err
      } finally {
        client.release()
      }
    },
    async sessionsCreatedBefore(at, limit) {
      const { rows } = await pool.query<{ id: string }>({
        text: 'SELECT id FROM sessions WHERE created_at < $1 ORDER BY created_at LIMIT $2',
        values: [at, limit],
      })
      return rows.map((r) => r.id)
    },
  }
}
