import { type Bookmark, type FindingSpan, interviewStartedAt, type SessionHistory } from '@mockboard/shared'

/** A stretch of one phase, from the timer's events: bands never overlap, pauses are marked. */
export interface PhaseSegment {
  phaseIndex: number
  name: string
  from: number
  to: number
  paused: boolean
}

export interface IdleGap {
  from: number
  to: number
}

/** Everything the timeline draws and navigates by, derived once from the history. */
export interface TimelineModel {
  start: number
  /** Where the replay's clock reads 0:00: the interview's start (as on live bookmarks and in the
   *  report), or the timeline's start when the timer never ran. */
  clockOrigin: number
  end: number
  segments: PhaseSegment[]
  bookmarks: Bookmark[]
  /** The design review's findings over the session, when the caller may read it (findingMarks.ts). */
  findings?: FindingSpan[]
  /** Activity per bucket, 0..1. */
  density: number[]
  idleGaps: IdleGap[]
  /** Instants worth jumping to: phase changes, bookmarks (and findings raised/resolved), sorted. */
  marks: number[]
  /** Where each phase first starts on screen (see snapToStored), null if never reached. */
  phaseStarts: (number | null)[]
}

/** Gaps longer than this with nothing stored are jumped when "skip idle" is on. */
export const IDLE_GAP_MS = 20_000
/** Time left on either side of a skipped gap, so the change that ends it is seen arriving. */
const IDLE_MARGIN_MS = 1_500
const DENSITY_BUCKETS = 240

function phaseSegments(history: SessionHistory, end: number): PhaseSegment[] {
  const names = history.plannedPhases
  const out: PhaseSegment[] = []
  let current: { phaseIndex: number; from: number; paused: boolean } | null = null
  let paused = false
  const close = (at: number) => {
    if (current && at > current.from)
      out.push({
        ...current,
        to: at,
        name: names[current.phaseIndex]?.name ?? `Phase ${current.phaseIndex + 1}`,
      })
  }
  for (const e of [...history.timerEvents].sort((a, b) => a.at - b.at)) {
    if (e.type === 'extend') continue
    close(e.at)
    if (e.type === 'end') {
      current = null
      break
    }
    // Moving to another phase while paused stays paused; only resume/start run the clock.
    paused = e.type === 'pause' || (e.type === 'phase' && paused)
    current = { phaseIndex: e.phaseIndex, from: e.at, paused }
  }
  close(end)
  return out
}

/**
 * A timer event carries the interviewer's time; the control doc only changes when the server
 * stores that update, a few ms later. Jumping to the stored time shows the new phase on the
 * timer, as participants saw it.
 */
function snapToStored(controlTimes: number[], t: number): number {
  return controlTimes.find((c) => c >= t && c - t <= 5_000) ?? t
}

export function buildTimeline(history: SessionHistory): TimelineModel {
  const { at } = history.updates
  // The seed updates are stamped with the creation time; the interview starts at the first
  // thing anyone did after that, so a session created the day before doesn't open on a void.
  const firstActivity = Math.min(
    history.timerEvents[0]?.at ?? Infinity,
    at.find((t) => t > history.createdAt) ?? Infinity,
  )
  const start = Number.isFinite(firstActivity)
    ? Math.max(history.createdAt, firstActivity - 1_000)
    : history.createdAt
  const end = Math.max(start + 1_000, history.endedAt ?? 0, history.lastActivityAt ?? 0)
  const segments = phaseSegments(history, end)

  const density = new Array<number>(DENSITY_BUCKETS).fill(0)
  const span = end - start
  for (const t of at) {
    if (t < start || t > end) continue
    density[Math.min(DENSITY_BUCKETS - 1, Math.floor(((t - start) / span) * DENSITY_BUCKETS))]! += 1
  }
  const max = Math.max(1, ...density)
  // Square root: a burst of typing should not flatten every other bucket to nothing.
  const scaled = density.map((n) => (n === 0 ? 0 : Math.max(0.12, Math.sqrt(n / max))))

  const bookmarks = [...(history.bookmarks ?? [])].sort((a, b) => a.at - b.at)
  // A typed array sorts numbers natively: with a comparator, the hour's 38,000 times took ~25 ms
  // of the page's first second.
  const activity = Float64Array.from(
    [...at, ...history.timerEvents.map((e) => e.at), ...bookmarks.map((b) => b.at), start, end].filter(
      (t) => t >= start && t <= end,
    ),
  ).sort()
  const idleGaps: IdleGap[] = []
  for (let i = 1; i < activity.length; i++) {
    const a = activity[i - 1]!
    const b = activity[i]!
    if (b - a > IDLE_GAP_MS) idleGaps.push({ from: a + IDLE_MARGIN_MS, to: b - IDLE_MARGIN_MS })
  }

  const controlTimes = at.filter((_, i) => history.updates.doc[i] === 'control')
  const changes = segments
    .filter((s, i) => i === 0 || segments[i - 1]!.phaseIndex !== s.phaseIndex)
    .map((s) => snapToStored(controlTimes, s.from))
  const phaseStarts = history.phases.map((p) =>
    p.start === null ? null : snapToStored(controlTimes, p.start),
  )
  const marks = [...new Set([...changes, ...bookmarks.map((b) => b.at)])].sort((a, b) => a - b)
  const clockOrigin = interviewStartedAt(history.timerEvents) ?? start
  return { start, clockOrigin, end, segments, bookmarks, density: scaled, idleGaps, marks, phaseStarts }
}

/** Where playback lands after `t` when idle stretches are skipped. */
export function skipIdle(model: TimelineModel, t: number): number {
  for (const gap of model.idleGaps) if (t >= gap.from && t < gap.to) return gap.to
  return t
}

export function nextMark(model: TimelineModel, t: number): number {
  return model.marks.find((m) => m > t + 1) ?? model.end
}

export function previousMark(model: TimelineModel, t: number): number {
  // A little slack so pressing "previous" right after a jump goes one further back.
  return [...model.marks].reverse().find((m) => m < t - 1_000) ?? model.start
}
