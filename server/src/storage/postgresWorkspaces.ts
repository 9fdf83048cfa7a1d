import type pg from 'pg'

import { postgresListed, type PostgresSessionRow } from './postgresSessionRow.js'
import type { Storage } from './Storage.js'

type WorkspaceMethods = Pick<
  Storage,
  | 'createWorkspace'
  | 'getWorkspace'
  | 'setWorkspaceKey'
  | 'claimSession'
  | 'listWorkspaceSessions'
  | 'workspaceCandidates'
  | 'saveSummary'
>

/** The coach workspace's part of the PostgreSQL store. */
export function postgresWorkspaces(pool: pg.Pool): WorkspaceMethods {
  const q = <R extends pg.QueryResultRow>(text: string, values: unknown[]) => pool.query<R>({ text, values })
  return {
    async createWorkspace(w) {
      await q('INSERT INTO workspaces (id, key_hash, created_at) VALUES ($1, $2, $3)', [
        w.id,
        w.keyHash,
        w.createdAt,
      ])
    },
    async getWorkspace(id) {
      const { rows } = await q<{ id: string; key_hash: string; created_at: string }>(
        'SELECT id, key_hash, created_at FROM workspaces WHERE id = $1',
        [id],
      )
      const row = rows[0]
      return row ? { id: row.id, keyHash: row.key_hash, createdAt: Number(row.created_at) } : null
    },
    async setWorkspaceKey(id, oldHash, keyHash) {
      // Compare-and-set: of two rotations with the same old key only one hands out a working key.
      const { rowCount } = await q('UPDATE workspaces SET key_hash = $1 WHERE id = $2 AND key_hash = $3', [
        keyHash,
        id,
        oldHash,
      ])
      return rowCount === 1
    },
    async claimSession(sessionId, workspaceId) {
      const { rowCount } = await q(
        'UPDATE sessions SET workspace_id = $1 WHERE id = $2 AND workspace_id IS NULL',
        [workspaceId, sessionId],
      )
      return rowCount === 1
    },
    async listWorkspaceSessions(workspaceId, after, limit) {
      // The id only orders sessions of the same millisecond (a cursor on created_at alone skipped
      // them); `created_at <= $2` lets the (workspace_id, created_at) index start at the cursor.
      const { rows } = await q<PostgresSessionRow>(
        `SELECT * FROM sessions WHERE workspace_id = $1 AND created_at <= $2 AND (created_at, id) < ($2, $3)
         ORDER BY created_at DESC, id DESC LIMIT $4`,
        [workspaceId, after.createdAt, after.id, limit],
      )
      return rows.map(postgresListed)
    },
    async workspaceCandidates(workspaceId, limit) {
      const { rows } = await q<{ candidate: string }>(
        `SELECT candidate FROM sessions WHERE workspace_id = $1 AND candidate <> ''
         GROUP BY candidate ORDER BY min(created_at), candidate LIMIT $2`,
        [workspaceId, limit],
      )
      return rows.map((r) => r.candidate)
    },
    async saveSummary(sessionId, summary) {
      await q('UPDATE sessions SET summary = $1 WHERE id = $2', [JSON.stringify(summary), sessionId])
    },
  }
}
