import { computeEstimates, type Estimates, peakWriteRate } from '../estimates/computeEstimates.js'
import type { EstimateInputs } from '../estimates/estimateInputs.js'
import type { BoardRecord } from '../inventory.js'
import { type Finding, SEVERITIES } from './finding.js'
import { reviewGraph } from './reviewGraph.js'
import { RULES } from './rules.js'

/** More synchronous hops than this on one request path is reported (client → LB → service → DB is 3). */
export const MAX_SYNC_HOPS = 4

/**
 * Boards past these sizes are not reviewed (no findings): some rules cost the square of the
 * components, and an interview board has tens of them, not thousands a link holder can draw.
 */
export const MAX_REVIEWED_COMPONENTS = 400
export const MAX_REVIEWED_ARROWS = 1200

/** What the review says about a board at one instant. */
export interface Review {
  findings: Finding[]
  estimates: Estimates
}

/** Runs every rule over a board's records and its capacity card; findings most severe first. */
export function reviewBoard(records: Iterable<BoardRecord>, inputs: EstimateInputs): Review {
  const estimates = computeEstimates(inputs)
  const ctx = {
    graph: reviewGraph(records),
    peakWritesPerSec: peakWriteRate(estimates),
    maxSyncHops: MAX_SYNC_HOPS,
  }
  const tooBig =
    ctx.graph.nodes.size > MAX_REVIEWED_COMPONENTS || ctx.graph.edges.length > MAX_REVIEWED_ARROWS
  const findings = tooBig ? [] : RULES.flatMap((rule) => rule.check(ctx))
  const rank = (f: Finding) => SEVERITIES.length - SEVERITIES.indexOf(f.severity)
  findings.sort((a, b) => rank(a) - rank(b) || a.message.localeCompare(b.message))
  return { findings, estimates }
}
