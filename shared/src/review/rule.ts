import type { Finding, RuleId, Severity } from './finding.js'
import type { ReviewGraph } from './reviewGraph.js'

/** What every rule reads: the typed diagram and the capacity card's figures. */
export interface ReviewContext {
  graph: ReviewGraph
  /** Peak writes per second from the estimates card; null while it cannot tell. */
  peakWritesPerSec: number | null
  /** More synchronous hops than this on one request path is a deep chain. */
  maxSyncHops: number
}

/** One explainable check: pure, given the diagram it returns its findings. */
export interface Rule {
  id: RuleId
  severity: Severity
  /** Short name for lists and the README. */
  title: string
  /** Why it matters, for the coach (the seed article's reasoning where it has any). */
  why: string
  check(ctx: ReviewContext): Finding[]
}
