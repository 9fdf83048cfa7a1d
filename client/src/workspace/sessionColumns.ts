import { problemById, RECOMMENDATION_LABELS, RECOMMENDATIONS, type WorkspaceSession } from '@mockboard/shared'

/** The workspace table's sortable columns, and how each reads a session (one place for table, sort and CSV). */
export const COLUMNS = [
  { id: 'date', label: 'Date' },
  { id: 'title', label: 'Session' },
  { id: 'problem', label: 'Problem' },
  { id: 'candidate', label: 'Candidate' },
  { id: 'duration', label: 'Duration' },
  { id: 'overrun', label: 'Overrun' },
  { id: 'score', label: 'Avg score' },
  { id: 'recommendation', label: 'Recommendation' },
] as const
export type ColumnId = (typeof COLUMNS)[number]['id']

/** The problem's library title, or the first line of a custom prompt. */
export function problemLabel(s: WorkspaceSession): string {
  const known = s.problemId ? problemById(s.problemId)?.title : undefined
  return known ?? (s.problem.split('\n')[0] ?? '').slice(0, 80)
}

/** Mean of the rubric scores given, or null when none is. */
export function meanScore(s: WorkspaceSession): number | null {
  const scores = Object.values(s.summary?.scores ?? {})
  return scores.length === 0 ? null : scores.reduce((a, b) => a + b, 0) / scores.length
}

/** The value a column sorts by (null sorts last whatever the direction). */
export function sortValue(s: WorkspaceSession, column: ColumnId): string | number | null {
  switch (column) {
    case 'date':
      return s.createdAt
    case 'title':
      return s.title.toLowerCase()
    case 'problem':
      return problemLabel(s).toLowerCase()
    case 'candidate':
      return s.candidate.toLowerCase() || null
    case 'duration':
      return s.summary?.startedAt ? s.summary.activeMs : null
    case 'overrun':
      return s.summary?.startedAt ? s.summary.overrunMs : null
    case 'score':
      return meanScore(s)
    case 'recommendation':
      return s.summary?.recommendation ? RECOMMENDATIONS.indexOf(s.summary.recommendation) : null
  }
}

export function sortSessions(
  sessions: readonly WorkspaceSession[],
  column: ColumnId,
  descending: boolean,
): WorkspaceSession[] {
  return [...sessions].sort((a, b) => {
    const x = sortValue(a, column)
    const y = sortValue(b, column)
    if (x === y) return b.createdAt - a.createdAt
    if (x === null) return 1
    if (y === null) return -1
    const order = x < y ? -1 : 1
    return descending ? -order : order
  })
}

/** Minutes as "42 min" (or "1 h 05" past an hour); a run under half a minute is "<1 min", not "0 min". */
export function minutes(ms: number): string {
  const total = Math.round(ms / 60_000)
  if (total === 0 && ms > 0) return '<1 min'
  return total < 60 ? `${total} min` : `${Math.floor(total / 60)} h ${String(total % 60).padStart(2, '0')}`
}

export function recommendationLabel(s: WorkspaceSession): string {
  return s.summary?.recommendation ? RECOMMENDATION_LABELS[s.summary.recommendation] : ''
}
