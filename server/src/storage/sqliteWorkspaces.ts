import type Database from 'better-sqlite3'

import { sqliteListed, type SqliteSessionRow } from './sqliteSessionRow.js'
import type { Storage, WorkspaceRecord } from './Storage.js'

type WorkspaceMethods = Pick<
  Storage,
  | 'createWorkspace'
  | 'getWorkspace'
  | 'setWorkspaceKey'
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
  const setKey = db.prepare('UPDATE workspaces SET key_hash = ? WHERE id = ?')
  // Served by the (workspace_id, created_at) index: one range scan, whatever the table's size.
  const list = db.prepare<[string, number, number], SqliteSessionRow>(
    'SELECT * FROM sessions WHERE workspace_id = ? AND created_at < ? ORDER BY created_at DESC LIMIT ?',
  )
  const candidates = db
    .prepare<[string, number], string>(
      "SELECT DISTINCT candidate FROM sessions WHERE workspace_id = ? AND candidate <> '' ORDER BY candidate LIMIT ?",
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
    async setWorkspaceKey(id, keyHash) {
      setKey.run(keyHash, id)
    },
    async listWorkspaceSessions(workspaceId, before, limit) {
      return list.all(workspaceId, before, limit).map(sqliteListed)
    },
    async workspaceCandidates(workspaceId, limit) {
      return candidates.all(workspaceId, limit)
    },
    async saveSummary(sessionId, summary) {
      saveSummary.run(JSON.stringify(summary), sessionId)
    },
  }
}
