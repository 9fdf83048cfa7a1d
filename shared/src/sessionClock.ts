import { formatClock, type TimerEvent } from './phases.js'

/**
 * When the interview began: the first timer event that sets the timer's `startedAt` (Start, a
 * phase move from idle, or End). "+5 min" before the start doesn't start anything.
 */
export function interviewStartedAt(events: readonly TimerEvent[]): number | null {
  return events.find((e) => e.type !== 'extend')?.at ?? null
}

/**
 * A moment of the session as every view shows it (live bookmark list, replay, report.md and the
 * printable report): m:ss since the interview started, "−m:ss" before it, "pre-start" while it
 * has not started. One reference everywhere: the timer's `startedAt` (= interviewStartedAt).
 */
export function formatSessionTime(at: number, startedAt: number | null): string {
  if (startedAt === null) return 'pre-start'
  return at < startedAt ? `−${formatClock(startedAt - at)}` : formatClock(at - startedAt)
}
