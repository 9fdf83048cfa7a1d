import {
  BoardKeys,
  type BoardRecord,
  type Bookmark,
  ControlKeys,
  type Phase,
  PrivateKeys,
  type RubricScore,
  type TimerEvent,
  type TimerState,
} from '@mockboard/shared'
import type * as Y from 'yjs'

// Every reader here takes whatever a client managed to store and returns well-typed values:
// the log is append-only, so one bad value must not break a page for good.

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)
const num = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v)
const numOrNull = (v: unknown): number | null => (num(v) ? v : null)
const text = (v: unknown): string => (typeof v === 'string' ? v : '')

/** tldraw records of a board doc (y-utility YKeyValue layout: `{ key, val }` entries, last wins). */
export function boardRecords(doc: Y.Doc): BoardRecord[] {
  const byKey = new Map<string, BoardRecord>()
  for (const entry of doc.getArray<unknown>(BoardKeys.records).toArray()) {
    if (!isObject(entry) || typeof entry.key !== 'string' || !isObject(entry.val)) continue
    const val = entry.val
    if (typeof val.id !== 'string' || typeof val.typeName !== 'string') continue
    byKey.set(entry.key, val as BoardRecord)
  }
  return [...byKey.values()]
}

export function boardNotes(doc: Y.Doc): string {
  return doc.getText(BoardKeys.notes).toString()
}

function readPlan(value: unknown): Phase[] | null {
  if (!Array.isArray(value)) return null
  const plan = value.filter((p): p is Phase => isObject(p) && typeof p.name === 'string' && num(p.minutes))
  return plan.length > 0 ? plan.map((p) => ({ name: p.name, minutes: p.minutes })) : null
}

function readTimerState(value: unknown): TimerState | null {
  if (!isObject(value) || typeof value.status !== 'string') return null
  return {
    status: value.status as TimerState['status'],
    phaseIndex: num(value.phaseIndex) ? value.phaseIndex : 0,
    runningSince: numOrNull(value.runningSince),
    elapsedMs: num(value.elapsedMs) ? value.elapsedMs : 0,
    extraMinutes: Array.isArray(value.extraMinutes) ? value.extraMinutes.map((m) => (num(m) ? m : 0)) : [],
    startedAt: numOrNull(value.startedAt),
    endedAt: numOrNull(value.endedAt),
  }
}

export function timerOf(doc: Y.Doc): {
  state: TimerState | null
  plan: Phase[] | null
  events: TimerEvent[]
} {
  const timer = doc.getMap(ControlKeys.timer)
  const events = doc
    .getArray<unknown>(ControlKeys.events)
    .toArray()
    .filter(
      (e): e is TimerEvent => isObject(e) && num(e.at) && typeof e.type === 'string' && num(e.phaseIndex),
    )
  return { state: readTimerState(timer.get('state')), plan: readPlan(timer.get('phases')), events }
}

function readScore(value: unknown): RubricScore | null {
  if (!isObject(value)) return null
  const score =
    value.score === 1 || value.score === 2 || value.score === 3 || value.score === 4 ? value.score : null
  return { score, comment: text(value.comment) }
}

export interface PrivateData {
  bookmarks: Bookmark[]
  rubric: Record<string, RubricScore>
  recommendation: string | null
  notes: string
}

export function privateOf(doc: Y.Doc): PrivateData {
  const rubricMap = doc.getMap<unknown>(PrivateKeys.rubric)
  const rubric: Record<string, RubricScore> = {}
  let recommendation: string | null = null
  for (const [key, value] of rubricMap.entries()) {
    if (key === 'recommendation') recommendation = typeof value === 'string' ? value : null
    else {
      const score = readScore(value)
      if (score) rubric[key] = score
    }
  }
  const bookmarks = doc
    .getArray<unknown>(PrivateKeys.bookmarks)
    .toArray()
    .filter((b): b is Record<string, unknown> & { at: number } => isObject(b) && num(b.at))
    .map((b) => ({
      id: text(b.id),
      at: b.at,
      phaseIndex: num(b.phaseIndex) ? b.phaseIndex : 0,
      label: text(b.label),
    }))
    .sort((a, b) => a.at - b.at)
  return { bookmarks, rubric, recommendation, notes: doc.getText(PrivateKeys.notes).toString() }
}
