import type { SessionSummary } from '../http/workspaces.js'
import { type Problem, PROBLEMS } from '../problems.js'
import { RUBRIC_AREAS, type RubricAreaId } from '../rubric.js'

/**
 * The rubric areas each library problem exercises most (communication: all of them). A coach's
 * reading of the prompts: a write-heavy ledger drills storage and reliability, a feed drills scale.
 */
export const PRACTICE_AREAS: Readonly<Record<string, readonly RubricAreaId[]>> = {
  'url-shortener': ['storage', 'scale', 'performance'],
  'news-feed': ['scale', 'performance', 'storage'],
  chat: ['components', 'reliability', 'scale'],
  'ride-hailing': ['scale', 'components', 'performance'],
  'video-streaming': ['components', 'performance', 'scale'],
  'rate-limiter': ['reliability', 'performance', 'requirements'],
  'web-crawler': ['components', 'scale', 'requirements'],
  'notification-system': ['reliability', 'components', 'requirements'],
  'file-storage': ['storage', 'reliability', 'requirements'],
  'search-autocomplete': ['performance', 'storage'],
  'payment-system': ['reliability', 'storage', 'requirements'],
  'distributed-cache': ['performance', 'storage', 'scale'],
  'ticket-booking': ['storage', 'reliability', 'requirements'],
  'metrics-monitoring': ['storage', 'scale', 'components'],
}

export interface PracticeHint {
  /** The area with the lowest mean score across the candidate's sessions. */
  area: RubricAreaId
  mean: number
  /** The library problem exercising it that the candidate has not done yet; null when none is left. */
  problem: Problem | null
}

const exercises = (problemId: string, area: RubricAreaId) =>
  area === 'communication' || (PRACTICE_AREAS[problemId] ?? []).includes(area)

/**
 * "Next practice": the weakest scored area (ties go to the area listed first in the rubric), and
 * the first problem of the library that drills it and is not among `done`. Null when nothing is scored.
 */
export function nextPractice(
  sessions: readonly { problemId: string | null; summary: SessionSummary | null }[],
): PracticeHint | null {
  let weakest: { area: RubricAreaId; mean: number } | null = null
  for (const { id } of RUBRIC_AREAS) {
    const scores = sessions.flatMap((s) =>
      s.summary?.scores[id] === undefined ? [] : [s.summary.scores[id]],
    )
    if (scores.length === 0) continue
    const mean = scores.reduce((a, b) => a + b, 0) / scores.length
    if (!weakest || mean < weakest.mean) weakest = { area: id, mean }
  }
  if (!weakest) return null
  const done = new Set(sessions.map((s) => s.problemId))
  const area = weakest.area
  const problem = PROBLEMS.find((p) => !done.has(p.id) && exercises(p.id, area)) ?? null
  return { ...weakest, problem }
}
