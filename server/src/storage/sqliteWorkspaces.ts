import type Database from 'better-sqlite3'

import { sqliteListed, type SqliteSessionRow } from './sqliteSessionRow.js'
import type { Storage, WorkspaceRecord } from './Storage.js'

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

/** The coach workspace's part of the SQLite store. */
export function sqliteWorkspaces(db: Database.Database): WorkspaceMethods {
  const insert = db.prepare('INSERT INTO workspaces (id, key_hash, created_at) VALUES (?, ?, ?)')
  const select = db.prepare<[string], { id: string; key_hash: string; created_at: number }>(
    'SELECT id, key_hash, created_at FROM workspaces WHERE id = ?',
  )
  // Compare-and-set: two rotations with the same old key cannot both hand out a working key.
  const setKey = db.prepare('UPDATE workspaces SET key_hash = ? WHERE id = ? AND key_hash = ?')
  const claim = db.prepare('UPDATE sessions SET workspace_id = ? WHERE id = ? AND workspace_id IS NULL')
  // Served by the (workspace_id, created_at) index: one range scan from the cursor, whatever the
  // table's size (`created_at <= ?` bounds it: the OR alone made every page scan from the newest);
  // the id only orders sessions of the same millisecond (a cursor on created_at alone skipped them).
  const list = db.prepare<[string, number, number, string, number], SqliteSessionRow>(
    `SELECT * FROM sessions WHERE workspace_id = ? AND created_at <= ? AND (created_at < ? OR id < ?)
     ORDER BY created_at DESC, id DESC LIMIT ?`,
  )
  const candidates = db
    .prepare<[string, number], string>(
      `SELECT candidate FROM sessions WHERE workspace_id = ? AND candidate <> ''
       GROUP BY candidate ORDER BY min(created_at), candidate LIMIT ?`,
    )
    .pluck()
  const saveSummary = db.prepare('UPDATE sessions SET summary = ? WHERE id = ?')
  return {
    async createWorkspace(w: WorkspaceRecord) {
      insert.run(w.id, w.keyHash, w.createdAt)
    },
    async getWorkspace(id) {
      const row = select.get(id)
      return row ? { id: row.id, keyHash: row.key_hash, createdAt: row.created_at } : null
    },
    async setWorkspaceKey(id, oldHash, keyHash) {
      return setKey.run(keyHash, id, oldHash).changes === 1
    },
    async claimSession(sessionId, workspaceId) {
      return claim.run(workspaceId, sessionId).changes === 1
    },
    async listWorkspaceSessions(workspaceId, after, limit) {
      return list.all(workspaceId, after.createdAt, after.createdAt, after.id, limit).map(sqliteListed)
    },
    async workspaceCandidates(workspaceId, limit) {
      return candidates.all(workspaceId, limit)
    },
    async saveSummary(sessionId, summary) {
      saveSummary.run(JSON.stringify(summary), sessionId)
    },
  }
}
