import {
  boardRecordsArray,
  latestRecords,
  type Phase,
  readBoardNotes,
  readBoardSchema,
  readPhasePlan,
  readTimerState,
  type TimerState,
} from '@mockboard/shared'
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

function docOf(update: Uint8Array): Y.Doc {
  const doc = new Y.Doc({ gc: true })
  Y.applyUpdate(doc, update)
  return doc
}

export function decodeBoard(update: Uint8Array): BoardFrame {
  const doc = docOf(update)
  const records = new Map<string, string>()
  for (const [id, record] of latestRecords(boardRecordsArray(doc).toArray()))
    records.set(id, JSON.stringify(record))
  const frame: BoardFrame = { records, schema: readBoardSchema(doc), notes: readBoardNotes(doc) }
  doc.destroy()
  return frame
}

export function decodeControl(update: Uint8Array): ControlFrame {
  const doc = docOf(update)
  const frame: ControlFrame = { timer: readTimerState(doc), plan: readPhasePlan(doc) }
  doc.destroy()
  return frame
}
