import type { SessionSummary } from '@mockboard/shared'

import type { ListedSession, SessionRecord } from './Storage.js'

/** A `sessions` row as SQLite returns it. */
export interface SqliteSessionRow {
  id: string
  title: string
  problem: string
  problem_id: string | null
  phases: string
  created_at: number
  ended_at: number | null
  report_shared: number
  replay_shared: number
  workspace_id: string | null
  candidate: string
  summary: string | null
}

export function sqliteSession(row: SqliteSessionRow): SessionRecord {
  return {
    id: row.id,
    title: row.title,
    problem: row.problem,
    problemId: row.problem_id,
    phases: JSON.parse(row.phases) as SessionRecord['phases'],
    createdAt: row.created_at,
    endedAt: row.ended_at,
    reportShared: row.report_shared === 1,
    replayShared: row.replay_shared === 1,
    workspaceId: row.workspace_id,
    candidate: row.candidate,
  }
}

export function sqliteListed(row: SqliteSessionRow): ListedSession {
  return {
    ...sqliteSession(row),
    summary: row.summary === null ? null : (JSON.parse(row.summary) as SessionSummary),
  }
}
