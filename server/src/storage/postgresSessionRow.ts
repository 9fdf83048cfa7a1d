import type { SessionSummary } from '@mockboard/shared'

import type { ListedSession, SessionRecord } from './Storage.js'

/** A `sessions` row as node-postgres returns it (BIGINT as strings, JSONB parsed). */
export interface PostgresSessionRow {
  id: string
  title: string
  problem: string
  problem_id: string | null
  phases: SessionRecord['phases']
  created_at: string
  ended_at: string | null
  report_shared: boolean
  replay_shared: boolean
  workspace_id: string | null
  candidate: string
  summary: SessionSummary | null
}

export function postgresSession(row: PostgresSessionRow): SessionRecord {
  return {
    id: row.id,
    title: row.title,
    problem: row.problem,
    problemId: row.problem_id,
    phases: row.phases,
    createdAt: Number(row.created_at),
    endedAt: row.ended_at === null ? null : Number(row.ended_at),
    reportShared: row.report_shared,
    replayShared: row.replay_shared,
    workspaceId: row.workspace_id,
    candidate: row.candidate,
  }
}

export function postgresListed(row: PostgresSessionRow): ListedSession {
  return { ...postgresSession(row), summary: row.summary }
}
