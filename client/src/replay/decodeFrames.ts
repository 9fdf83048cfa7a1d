import { BoardKeys, type BoardRecord, ControlKeys, type Phase, type TimerState } from '@mockboard/shared'
import * as Y from 'yjs'

/**
 * The board doc at one instant: each record as JSON by id (a string compares in one step and
 * costs less memory than the object; the projector parses only the records it puts).
 */
export interface BoardFrame {
  records: Map<string, string>
  /** The serialized tldraw schema the records were written with (null before the first write). */
  schema: unknown
  notes: string
}

/** The control doc at one instant. */
export interface ControlFrame {
  timer: TimerState | null
  plan: Phase[] | null
}

export type Frame<D extends 'board' | 'control'> = D extends 'board' ? BoardFrame : ControlFrame

function docOf(update: Uint8Array): Y.Doc {
  const doc = new Y.Doc({ gc: true })
  Y.applyUpdate(doc, update)
  return doc
}

/**
 * Reads the YKeyValue layout directly (`{ key, val }` entries, the rightmost entry of a key wins,
 * as YKeyValue resolves concurrent writes) without YKeyValue's observers: this doc is read once.
 */
export function decodeBoard(update: Uint8Array): BoardFrame {
  const doc = docOf(update)
  const records = new Map<string, string>()
  for (const entry of doc.getArray<{ key: string; val: BoardRecord }>(BoardKeys.records).toArray()) {
    if (!entry || typeof entry.key !== 'string' || !entry.val || typeof entry.val !== 'object') continue
    records.set(entry.key, JSON.stringify(entry.val))
  }
  const frame: BoardFrame = {
    records,
    schema: doc.getMap(BoardKeys.meta).get('schema') ?? null,
    notes: doc.getText(BoardKeys.notes).toString(),
  }
  doc.destroy()
  return frame
}

export function decodeControl(update: Uint8Array): ControlFrame {
  const doc = docOf(update)
  const timer = doc.getMap(ControlKeys.timer)
  const frame: ControlFrame = {
    timer: (timer.get('state') as TimerState | undefined) ?? null,
    plan: (timer.get('phases') as Phase[] | undefined) ?? null,
  }
  doc.destroy()
  return frame
}
