/** Interview phase plan and timer: pure functions over server-clock milliseconds. */

export interface Phase {
  name: string
  minutes: number
}

/** The article's 60-minute structure. */
export const DEFAULT_PHASES: readonly Phase[] = [
  { name: 'Requirements', minutes: 10 },
  { name: 'High-level design', minutes: 25 },
  { name: 'Deep dive', minutes: 15 },
  { name: 'Trade-offs & wrap-up', minutes: 10 },
]

export const PHASE_LIMITS = {
  minPhases: 1,
  maxPhases: 10,
  minMinutes: 1,
  maxMinutes: 120,
  maxNameLength: 60,
} as const

export type TimerStatus = 'idle' | 'running' | 'paused' | 'ended'

/** The timer as stored in the control doc. Only the interviewer writes it. */
export interface TimerState {
  status: TimerStatus
  phaseIndex: number
  /** Server time the current run began; null unless running. */
  runningSince: number | null
  /** Time already spent in the current phase before `runningSince`. */
  elapsedMs: number
  /** Minutes added to each phase with "+5 min", by phase index. */
  extraMinutes: number[]
  startedAt: number | null
  endedAt: number | null
}

export type TimerEventType = 'start' | 'pause' | 'resume' | 'phase' | 'extend' | 'end'

/** One transition, stamped with server time; replay draws phase bands from these. */
export interface TimerEvent {
  type: TimerEventType
  at: number
  phaseIndex: number
}

export function initialTimer(): TimerState {
  return {
    status: 'idle',
    phaseIndex: 0,
    runningSince: null,
    elapsedMs: 0,
    extraMinutes: [],
    startedAt: null,
    endedAt: null,
  }
}

export function phaseDurationMs(
  plan: readonly Phase[],
  state: Pick<TimerState, 'extraMinutes'>,
  index: number,
): number {
  const phase = plan[index]
  if (!phase) return 0
  return (phase.minutes + (state.extraMinutes[index] ?? 0)) * 60_000
}

export interface TimerView {
  status: TimerStatus
  phaseIndex: number
  phase: Phase | undefined
  elapsedMs: number
  durationMs: number
  /** Negative once overtime. */
  remainingMs: number
  overtime: boolean
}

/** What every participant shows at server time `now`. */
export function timerView(plan: readonly Phase[], state: TimerState, now: number): TimerView {
  const running = state.status === 'running' && state.runningSince !== null
  const elapsedMs = state.elapsedMs + (running ? Math.max(0, now - (state.runningSince as number)) : 0)
  const durationMs = phaseDurationMs(plan, state, state.phaseIndex)
  const remainingMs = durationMs - elapsedMs
  return {
    status: state.status,
    phaseIndex: state.phaseIndex,
    phase: plan[state.phaseIndex],
    elapsedMs,
    durationMs,
    remainingMs,
    overtime: state.status !== 'idle' && remainingMs < 0,
  }
}

export type TimerAction =
  | { type: 'start' }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'next' }
  | { type: 'previous' }
  | { type: 'goto'; phaseIndex: number }
  | { type: 'extend'; minutes: number }
  | { type: 'end' }

/**
 * Applies an interviewer action at server time `now`. Returns the new state and the event to
 * record, or null when the action does not apply in the current state.
 */
export function applyTimerAction(
  plan: readonly Phase[],
  state: TimerState,
  action: TimerAction,
  now: number,
): { state: TimerState; event: TimerEvent } | null {
  if (state.status === 'ended') return null
  const elapsedNow = timerView(plan, state, now).elapsedMs
  const event = (type: TimerEventType, phaseIndex: number): TimerEvent => ({ type, at: now, phaseIndex })
  switch (action.type) {
    case 'start':
      if (state.status !== 'idle') return null
      return {
        state: { ...state, status: 'running', runningSince: now, elapsedMs: 0, startedAt: now },
        event: event('start', state.phaseIndex),
      }
    case 'pause':
      if (state.status !== 'running') return null
      return {
        state: { ...state, status: 'paused', runningSince: null, elapsedMs: elapsedNow },
        event: event('pause', state.phaseIndex),
      }
    case 'resume':
      if (state.status !== 'paused') return null
      return {
        state: { ...state, status: 'running', runningSince: now },
        event: event('resume', state.phaseIndex),
      }
    case 'next':
    case 'previous':
    case 'goto': {
      const target =
        action.type === 'next'
          ? state.phaseIndex + 1
          : action.type === 'previous'
            ? state.phaseIndex - 1
            : action.phaseIndex
      if (!Number.isInteger(target) || target < 0 || target >= plan.length || target === state.phaseIndex)
        return null
      // Moving phases starts the clock if it was idle: the interview has begun.
      const status = state.status === 'idle' ? 'running' : state.status
      return {
        state: {
          ...state,
          status,
          phaseIndex: target,
          elapsedMs: 0,
          runningSince: status === 'running' ? now : null,
          startedAt: state.startedAt ?? now,
        },
        event: event('phase', target),
      }
    }
    case 'extend': {
      if (!Number.isFinite(action.minutes) || action.minutes === 0) return null
      const extra = [...state.extraMinutes]
      const current = extra[state.phaseIndex] ?? 0
      const base = plan[state.phaseIndex]?.minutes ?? 0
      extra[state.phaseIndex] = Math.max(-base + 1, current + action.minutes)
      return { state: { ...state, extraMinutes: extra }, event: event('extend', state.phaseIndex) }
    }
    case 'end':
      return {
        state: {
          ...state,
          status: 'ended',
          runningSince: null,
          elapsedMs: elapsedNow,
          endedAt: now,
          startedAt: state.startedAt ?? now,
        },
        event: event('end', state.phaseIndex),
      }
  }
}

export interface PhaseSpan {
  index: number
  name: string
  plannedMinutes: number
  /** Server time the phase was first entered; null if never reached. */
  start: number | null
  end: number | null
  /** Time actually spent in the phase while the clock ran. */
  activeMs: number
}

/**
 * Rebuilds when each phase actually ran from the recorded events. A phase may be entered more
 * than once (previous/next); its span runs from the first entry to its last exit.
 */
export function phaseSpans(
  plan: readonly Phase[],
  events: readonly TimerEvent[],
  until: number,
): PhaseSpan[] {
  const spans: PhaseSpan[] = plan.map((p, index) => ({
    index,
    name: p.name,
    plannedMinutes: p.minutes,
    start: null,
    end: null,
    activeMs: 0,
  }))
  const sorted = [...events].sort((a, b) => a.at - b.at)
  let current: number | null = null
  let runningSince: number | null = null
  const leave = (at: number) => {
    if (current === null) return
    const span = spans[current]
    if (!span) return
    if (runningSince !== null) span.activeMs += Math.max(0, at - runningSince)
    span.end = at
  }
  const enter = (index: number, at: number) => {
    current = index
    const span = spans[index]
    if (span && span.start === null) span.start = at
    if (span) span.end = null
  }
  let ended = false
  for (const e of sorted) {
    if (ended) break
    switch (e.type) {
      case 'start':
        enter(e.phaseIndex, e.at)
        runningSince = e.at
        break
      case 'phase': {
        const wasRunning: boolean = runningSince !== null || current === null
        leave(e.at)
        enter(e.phaseIndex, e.at)
        runningSince = wasRunning ? e.at : null
        break
      }
      case 'pause':
        if (current !== null && runningSince !== null) {
          const span = spans[current]
          if (span) span.activeMs += Math.max(0, e.at - runningSince)
        }
        runningSince = null
        break
      case 'resume':
        runningSince = e.at
        break
      case 'end':
        leave(e.at)
        ended = true
        break
      case 'extend':
        break
    }
  }
  if (!ended && current !== null) {
    const span = spans[current]
    if (span) {
      if (runningSince !== null) span.activeMs += Math.max(0, until - runningSince)
      span.end = null
    }
  }
  return spans
}

/** Formats milliseconds as m:ss (or h:mm:ss), with a leading minus for overtime. */
export function formatClock(ms: number): string {
  const negative = ms < 0
  const total = Math.floor(Math.abs(ms) / 1000)
  const h = Math.floor(total / 3600)
  const m = Math.floor((total % 3600) / 60)
  const s = total % 60
  const body =
    h > 0
      ? `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`
      : `${m}:${String(s).padStart(2, '0')}`
  return negative ? `+${body}` : body
}
