import { type Finding, findingKey } from './finding.js'

/** A finding appearing or going away between two reviewed instants. */
export interface FindingEvent {
  at: number
  kind: 'raised' | 'resolved'
  finding: Finding
}

/** A finding's life over a session: when it was raised, when resolved (null: still open at the end). */
export interface FindingSpan {
  finding: Finding
  raisedAt: number
  resolvedAt: number | null
}

/**
 * Raised/resolved events from reviews at successive instants (oldest first): a finding is the same
 * finding while its rule and shapes stay the same, whatever its message says meanwhile.
 */
export function findingEvents(reviews: Iterable<{ at: number; findings: Finding[] }>): FindingEvent[] {
  const events: FindingEvent[] = []
  let open = new Map<string, Finding>()
  for (const { at, findings } of reviews) {
    const next = new Map(findings.map((f) => [findingKey(f), f]))
    for (const [key, f] of next) if (!open.has(key)) events.push({ at, kind: 'raised', finding: f })
    for (const [key, f] of open) if (!next.has(key)) events.push({ at, kind: 'resolved', finding: f })
    open = next
  }
  return events
}

/** Pairs events into spans, in the order they were raised. */
export function findingSpans(events: readonly FindingEvent[]): FindingSpan[] {
  const spans: FindingSpan[] = []
  const open = new Map<string, FindingSpan>()
  for (const e of events) {
    const key = findingKey(e.finding)
    if (e.kind === 'raised') {
      const span = { finding: e.finding, raisedAt: e.at, resolvedAt: null }
      spans.push(span)
      open.set(key, span)
    } else {
      const span = open.get(key)
      if (span) span.resolvedAt = e.at
      open.delete(key)
    }
  }
  return spans
}
