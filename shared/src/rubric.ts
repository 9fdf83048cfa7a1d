import type { Evidence } from './rubricEvidence.js'

/** The interviewer's private panel: rubric areas from the article, bookmarks, recommendation. */

export const RUBRIC_AREAS = [
  {
    id: 'requirements',
    label: 'Gathering & prioritising requirements',
    hint: 'Functional and non-functional requirements, scope, scale questions asked early.',
  },
  {
    id: 'scale',
    label: 'Planning for scale',
    hint: 'Capacity estimates, horizontal scaling, partitioning, traffic spikes.',
  },
  {
    id: 'storage',
    label: 'Data storage & consistency',
    hint: 'Data model, database choice, consistency model, CAP trade-offs.',
  },
  {
    id: 'components',
    label: 'Choosing & integrating components',
    hint: 'Load balancers, caches, queues, CDNs: the right blocks, wired sensibly.',
  },
  {
    id: 'performance',
    label: 'Performance',
    hint: 'Latency and throughput, caching layers, indexing, hot spots.',
  },
  {
    id: 'reliability',
    label: 'Security & reliability',
    hint: 'Redundancy, failure handling, circuit breakers, auth, encryption, rate limiting.',
  },
  {
    id: 'communication',
    label: 'Communication',
    hint: 'Structure, clarity, diagrams, trade-offs explained, time managed.',
  },
] as const
export type RubricAreaId = (typeof RUBRIC_AREAS)[number]['id']

/** 1 = weak … 4 = strong; null = not scored yet. */
export interface RubricScore {
  score: 1 | 2 | 3 | 4 | null
  comment: string
  /** Moments from the session that back the score (absent: none cited). */
  evidence?: Evidence[]
}

export const SCORE_LABELS: Record<1 | 2 | 3 | 4, string> = { 1: 'Weak', 2: 'Mixed', 3: 'Good', 4: 'Strong' }

export const RECOMMENDATIONS = ['strong-no', 'no', 'lean-no', 'lean-yes', 'yes', 'strong-yes'] as const
export type Recommendation = (typeof RECOMMENDATIONS)[number]
export const RECOMMENDATION_LABELS: Record<Recommendation, string> = {
  'strong-no': 'Strong no hire',
  no: 'No hire',
  'lean-no': 'Leaning no',
  'lean-yes': 'Leaning yes',
  yes: 'Hire',
  'strong-yes': 'Strong hire',
}

/** A timestamped marker the interviewer drops during the session. */
export interface Bookmark {
  id: string
  /** Server time, epoch ms. */
  at: number
  phaseIndex: number
  label: string
  /** The design-review finding the coach turned into this bookmark, as it read then. */
  finding?: BookmarkFinding
}

/** A finding as a bookmark keeps it: enough to show and to find it on the replay. */
export interface BookmarkFinding {
  rule: string
  shapeIds: string[]
  message: string
}
