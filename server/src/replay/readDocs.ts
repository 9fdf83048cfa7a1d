import * as Y from 'yjs'
import { BoardKeys, ControlKeys, PrivateKeys, type Bookmark, type BoardRecord, type Phase, type RubricScore, type TimerEvent, type TimerState } from '@mockboard/shared'

/** tldraw records of a board doc (y-utility YKeyValue layout: `{ key, val }` entries, last wins). */
export function boardRecords(doc: Y.Doc): BoardRecord[] {
  const byKey = new Map<string, BoardRecord>()
  for (const entry of doc.getArray<{ key: string; val: BoardRecord }>(BoardKeys.records).toArray()) {
    if (entry && typeof entry.key === 'string' && entry.val && typeof entry.val === 'object') byKey.set(entry.key, entry.val)
  }
  return [...byKey.values()]
}

export function boardNotes(doc: Y.Doc): string {
  return doc.getText(BoardKeys.notes).toString()
}

export function timerOf(doc: Y.Doc): { state: TimerState | null; plan: Phase[] | null; events: TimerEvent[] } {
  const timer = doc.getMap(ControlKeys.timer)
  const events = doc
    .getArray<TimerEvent>(ControlKeys.events)
    .toArray()
    .filter((e) => e && typeof e.at === 'number' && typeof e.type === 'string')
  return { state: (timer.get('state') as TimerState | undefined) ?? null, plan: (timer.get('phases') as Phase[] | undefined) ?? null, events }
}

export function privateOf(doc: Y.Doc): { bookmarks: Bookmark[]; rubric: Record<string, RubricScore>; recommendation: string | null; notes: string } {
  const rubricMap = doc.getMap<unknown>(PrivateKeys.rubric)
  const rubric: Record<string, RubricScore> = {}
  let recommendation: string | null = null
  for (const [key, value] of rubricMap.entries()) {
    if (key === 'recommendation') recommendation = typeof value === 'string' ? value : null
    else if (value && typeof value === 'object') rubric[key] = value as RubricScore
  }
  const bookmarks = doc
    .getArray<Bookmark>(PrivateKeys.bookmarks)
    .toArray()
    .filter((b) => b && typeof b.at === 'number')
    .sort((a, b) => a.at - b.at)
  return { bookmarks, rubric, recommendation, notes: doc.getText(PrivateKeys.notes).toString() }
}
