import type { Finding, FindingSpan } from '@mockboard/shared'

import type { TimelineModel } from './timelineModel'

/** A finding on the timeline reads as its message's first clause ("Primary DB is a single point of failure"). */
export function findingTitle(finding: Finding): string {
  const clause = finding.message.split(/[:.]\s/)[0]?.trim()
  return clause || finding.rule
}

/**
 * The timeline with the design review's spans: each raise and resolve inside the session becomes
 * a mark that [ / ] jump to, beside the phase changes and bookmarks.
 */
export function withFindingMarks(model: TimelineModel, spans: readonly FindingSpan[]): TimelineModel {
  if (spans.length === 0) return model
  const inside = (t: number | null): t is number => t !== null && t >= model.start && t <= model.end
  const times = spans.flatMap((s) => [s.raisedAt, s.resolvedAt]).filter(inside)
  const marks = [...new Set([...model.marks, ...times])].sort((a, b) => a - b)
  return { ...model, findings: [...spans], marks }
}
