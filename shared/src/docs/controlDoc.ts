import type * as Y from 'yjs'

import {
  initialTimer,
  type Phase,
  type TimerEvent,
  type TimerEventType,
  type TimerState,
  type TimerStatus,
} from '../phases.js'
import { isFiniteNumber, isObject, numberOr } from './plain.js'

/** The `control` doc: the interviewer-driven timer and the next round's announcement. */
export const ControlKeys = {
  /** Y.Map: `state` → TimerState, `phases` → Phase[] (the plan in force). */
  timer: 'timer',
  /** Y.Array<TimerEvent>: every transition, stamped with server time. */
  events: 'timerEvents',
  /** Y.Map written by the server only: `id` → the next round's session id, once someone started it. */
  nextRound: 'nextRound',
  /**
   * Y.Map of session settings: `reviewBadges` → boolean (the interviewer changes it live), `mode` →
   * SessionMode (written by the server at creation).
   */
  settings: 'settings',
} as const

const REVIEW_BADGES = 'reviewBadges'
const MODE = 'mode'

/** `interview`: a coach and a candidate (review private to the coach); `practice`: a pair practising. */
export const SESSION_MODES = ['interview', 'practice'] as const
export type SessionMode = (typeof SESSION_MODES)[number]

const STATE = 'state'
const PHASES = 'phases'
const NEXT_ROUND_ID = 'id'

const STATUSES: readonly TimerStatus[] = ['idle', 'running', 'paused', 'ended']
const EVENT_TYPES: readonly TimerEventType[] = ['start', 'pause', 'resume', 'phase', 'extend', 'end']

/** The timer map (state and plan): observed by pages that show the timer. */
export function timerMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(ControlKeys.timer)
}

/** The timer as stored; null before the server seeded it or when what is stored is not a timer. */
export function readTimerState(doc: Y.Doc): TimerState | null {
  const value = timerMap(doc).get(STATE)
  if (!isObject(value) || !STATUSES.includes(value.status as TimerStatus)) return null
  return {
    status: value.status as TimerStatus,
    phaseIndex: numberOr(value.phaseIndex, 0),
    runningSince: numberOr(value.runningSince, null),
    elapsedMs: numberOr(value.elapsedMs, 0),
    extraMinutes: Array.isArray(value.extraMinutes) ? value.extraMinutes.map((m) => numberOr(m, 0)) : [],
    startedAt: numberOr(value.startedAt, null),
    endedAt: numberOr(value.endedAt, null),
  }
}

/** The phase plan in force; null when none is stored (the session record's plan applies). */
export function readPhasePlan(doc: Y.Doc): Phase[] | null {
  const value = timerMap(doc).get(PHASES)
  if (!Array.isArray(value)) return null
  const plan = value.filter(
    (p): p is Phase => isObject(p) && typeof p.name === 'string' && isFiniteNumber(p.minutes),
  )
  return plan.length > 0 ? plan.map((p) => ({ name: p.name, minutes: p.minutes })) : null
}

/** Every timer transition, in the order stored. */
export function readTimerEvents(doc: Y.Doc): TimerEvent[] {
  return doc
    .getArray<unknown>(ControlKeys.events)
    .toArray()
    .filter(
      (e): e is TimerEvent =>
        isObject(e) &&
        isFiniteNumber(e.at) &&
        EVENT_TYPES.includes(e.type as TimerEventType) &&
        isFiniteNumber(e.phaseIndex),
    )
}

export interface TimerRead {
  state: TimerState | null
  plan: Phase[] | null
  events: TimerEvent[]
}

export function readTimer(doc: Y.Doc): TimerRead {
  return { state: readTimerState(doc), plan: readPhasePlan(doc), events: readTimerEvents(doc) }
}

/** An interviewer action: state and its event land in one transaction, so replay never sees one without the other. */
export function writeTimer(doc: Y.Doc, state: TimerState, event: TimerEvent): void {
  doc.transact(() => {
    timerMap(doc).set(STATE, state)
    doc.getArray<TimerEvent>(ControlKeys.events).push([event])
  })
}

/**
 * The control doc's first content, written by the server at creation: an idle timer, the plan, the
 * mode, and whether review badges show on the board (on for practice sessions, off for interviews).
 */
export function seedControl(doc: Y.Doc, phases: readonly Phase[], mode: SessionMode = 'interview'): void {
  doc.transact(() => {
    timerMap(doc).set(STATE, initialTimer())
    timerMap(doc).set(PHASES, [...phases])
    settingsMap(doc).set(MODE, mode)
    if (mode === 'practice') settingsMap(doc).set(REVIEW_BADGES, true)
  })
}

/** The mode the session was created in; sessions from before modes were stored count as interviews. */
export function readSessionMode(doc: Y.Doc): SessionMode {
  return settingsMap(doc).get(MODE) === 'practice' ? 'practice' : 'interview'
}

/** The settings map: observed by pages that follow a setting. */
export function settingsMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(ControlKeys.settings)
}

/** Design-review findings show as badges on the board for everyone (the "Review" toggle). */
export function readReviewBadges(doc: Y.Doc): boolean {
  return settingsMap(doc).get(REVIEW_BADGES) === true
}

export function writeReviewBadges(doc: Y.Doc, on: boolean): void {
  settingsMap(doc).set(REVIEW_BADGES, on)
}

/** The next round's announcement map: observed by pages so they can follow into it. */
export function nextRoundMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(ControlKeys.nextRound)
}

/** The next round's session id, once someone started it. */
export function readNextRound(doc: Y.Doc): string | null {
  const id = nextRoundMap(doc).get(NEXT_ROUND_ID)
  return typeof id === 'string' ? id : null
}

export function writeNextRound(doc: Y.Doc, id: string): void {
  nextRoundMap(doc).set(NEXT_ROUND_ID, id)
}
