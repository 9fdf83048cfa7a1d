import {
  type Bookmark,
  type Evidence,
  type Finding,
  formatSessionTime,
  type Phase,
  type TimerEvent,
} from '@mockboard/shared'

/** What the rubric can cite right now: bookmarks and phase starts (with their own instants). */
export function evidenceMoments(
  bookmarks: readonly Bookmark[],
  events: readonly TimerEvent[],
  plan: readonly Phase[],
) {
  const moments: Evidence[] = bookmarks.map((b) => ({
    kind: 'bookmark',
    at: b.at,
    label: b.label || 'Bookmark',
  }))
  for (const e of events) {
    if (e.type !== 'start' && e.type !== 'phase') continue
    const name = plan[e.phaseIndex]?.name ?? `Phase ${e.phaseIndex + 1}`
    moments.push({ kind: 'phase', at: e.at, label: `${name} starts` })
  }
  return moments.sort((a, b) => a.at - b.at)
}

/** A finding open on the board now, cited at the instant it is picked (the live review has no history). */
export function findingEvidence(finding: Finding, now: number): Evidence {
  return { kind: 'finding', at: now, label: finding.message }
}

/** How a moment reads in the picker: its clock time, then its label. */
export function momentLabel(e: Evidence, startedAt: number | null): string {
  return `${formatSessionTime(e.at, startedAt)} · ${e.label}`
}
