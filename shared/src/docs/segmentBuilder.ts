import * as Y from 'yjs'

import {
  BOARD_SCHEMA_KEY,
  boardMeta,
  boardNotesText,
  boardRecordsArray,
  isRecordEntry,
  latestRecords,
  readBoardSchema,
  type RecordEntry,
} from './boardDoc.js'
import { recordEntryChanges } from './recordEntryChanges.js'

/** A change to the notes text, as Y.Text reports it. */
export type NotesOp = { retain: number } | { insert: string } | { delete: number }

/** What one stored update changed on the board: records (as JSON) put or removed, notes edits. */
export interface SegmentStep {
  seq: number
  at: number
  put: [id: string, json: string][]
  remove: string[]
  notes: NotesOp[] | null
  /** The tldraw schema the records are written with, when this update changed it. */
  schema?: unknown
}

/** The board at the opening of a segment: every record as JSON, the schema and the notes. */
export interface Keyframe {
  records: [id: string, json: string][]
  schema: unknown
  notes: string
}

/** A segment of the log turned into steps a page can replay in both directions without Yjs. */
export interface BuiltSegment {
  /** The seq the segment opens at (0: the empty document); `keyframe` is the board there. */
  fromSeq: number
  /** The last update in it (equal to fromSeq when there is none). */
  toSeq: number
  closedBy: number | null
  /** Null when the segment continues the previous one: its opening is that one's end. */
  keyframe: Keyframe | null
  steps: SegmentStep[]
}

/**
 * Applies a document's updates one by one and says what each changed, in the terms the replay
 * board needs: record ids and JSON. It reads the records as the shared board module does
 * (`latestRecords`: of several live entries for a key, the rightmost wins), but incrementally:
 * each update's added and deleted entries are counted per key, and only a key left with several
 * live entries (concurrent writes) is resolved by a scan of the array.
 */
export class SegmentBuilder {
  readonly doc = new Y.Doc()
  private readonly records = boardRecordsArray(this.doc)
  private readonly notes = boardNotesText(this.doc)
  private readonly meta = boardMeta(this.doc)
  /** Live entries per key, and the resolved JSON of each key. */
  private readonly live = new Map<string, number>()
  private readonly current = new Map<string, string>()
  private added: RecordEntry[] = []
  private deleted: RecordEntry[] = []
  private notesOps: NotesOp[] | null = null
  private schemaChanged = false

  constructor(snapshot: Uint8Array | null) {
    if (snapshot) Y.applyUpdate(this.doc, snapshot)
    for (const e of this.records.toArray()) {
      if (!isRecordEntry(e)) continue
      this.live.set(e.key, (this.live.get(e.key) ?? 0) + 1)
      this.current.set(e.key, jsonText(e.val))
    }
    // Not `records.observe` and its event's `changes`: Yjs computes those by walking the whole
    // array, tombstones included, on every update: a cost that grew with the session (a late
    // segment took 6× an early one). The transaction names what is new and what it deleted.
    this.doc.on('afterTransaction', (tr: Y.Transaction) =>
      recordEntryChanges(tr, this.records, this.added, this.deleted),
    )
    this.notes.observe((event) => {
      const ops = (this.notesOps ??= [])
      for (const d of event.delta) {
        if (d.retain !== undefined) ops.push({ retain: d.retain })
        else if (typeof d.insert === 'string') ops.push({ insert: d.insert })
        else if (d.insert !== undefined) ops.push({ insert: '\ufffc' })
        else if (d.delete !== undefined) ops.push({ delete: d.delete })
      }
    })
    this.meta.observe((event) => {
      if (event.keysChanged.has(BOARD_SCHEMA_KEY)) this.schemaChanged = true
    })
  }

  keyframe(): Keyframe {
    return {
      records: [...this.current],
      schema: readBoardSchema(this.doc),
      notes: notesText(this.notes),
    }
  }

  apply(update: { seq: number; at: number; data: Uint8Array }): SegmentStep {
    this.added = []
    this.deleted = []
    this.notesOps = null
    this.schemaChanged = false
    Y.applyUpdate(this.doc, update.data)

    const addedOnce = new Map<string, RecordEntry | null>()
    for (const e of this.added) {
      this.live.set(e.key, (this.live.get(e.key) ?? 0) + 1)
      addedOnce.set(e.key, addedOnce.has(e.key) ? null : e)
    }
    const touched = new Set(addedOnce.keys())
    for (const e of this.deleted) {
      this.live.set(e.key, (this.live.get(e.key) ?? 0) - 1)
      touched.add(e.key)
    }
    const put: SegmentStep['put'] = []
    const remove: string[] = []
    const ambiguous = new Set<string>()
    for (const key of touched) {
      const n = this.live.get(key) ?? 0
      const only = addedOnce.get(key)
      if (n <= 0) {
        this.live.delete(key)
        if (this.current.delete(key)) remove.push(key)
      } else if (n === 1 && only) this.set(key, jsonText(only.val), put)
      else ambiguous.add(key)
    }
    if (ambiguous.size > 0)
      for (const [key, val] of latestRecords(this.records.toArray(), ambiguous))
        this.set(key, jsonText(val), put)
    const step: SegmentStep = { seq: update.seq, at: update.at, put, remove, notes: this.notesOps }
    if (this.schemaChanged) step.schema = readBoardSchema(this.doc)
    return step
  }

  private set(key: string, json: string, put: SegmentStep['put']): void {
    if (this.current.get(key) === json) return
    this.current.set(key, json)
    put.push([key, json])
  }

  destroy(): void {
    this.doc.destroy()
  }
}

/**
 * A stored segment of the board's log (the snapshot it opens with, then its updates) as steps:
 * what `GET /api/sessions/:id/steps` sends, built once per closed segment on the server so that
 * a replay page parses JSON instead of integrating every update itself. `withKeyframe`: include
 * the opening board (a page continuing the previous segment already has it).
 *
 * `maxChars` bounds the records' JSON it writes (ids, records, notes inserted): a few bytes of
 * update can put a large record again (push an entry for its key, delete it: the old one is back),
 * so a small log can make a body thousands of times its size. Over it, building stops and the
 * result is `{ tooLarge }` (how far it got).
 */
export function buildSegment(
  opening: { seq: number; data: Uint8Array | null },
  updates: readonly { seq: number; at: number; data: Uint8Array }[],
  closedBy: number | null,
  withKeyframe: boolean,
  maxChars = Number.POSITIVE_INFINITY,
): BuiltSegment | { tooLarge: number } {
  const builder = new SegmentBuilder(opening.data)
  try {
    let chars = 0
    const over = (records: readonly [string, string][], notes: number) => {
      for (const [id, json] of records) chars += id.length + json.length
      chars += notes
      return chars > maxChars
    }
    const keyframe = withKeyframe ? builder.keyframe() : null
    if (keyframe && over(keyframe.records, keyframe.notes.length)) return { tooLarge: chars }
    const steps: SegmentStep[] = []
    for (const u of updates) {
      const step = builder.apply(u)
      const inserted = step.notes?.reduce((n, op) => n + ('insert' in op ? op.insert.length : 0), 0) ?? 0
      if (over(step.put, inserted)) return { tooLarge: chars }
      steps.push(step)
    }
    return { fromSeq: opening.seq, toSeq: updates.at(-1)?.seq ?? opening.seq, closedBy, keyframe, steps }
  } finally {
    builder.destroy()
  }
}

/**
 * JSON of a value read from a document: a participant may have put a BigInt anywhere the gate
 * does not check the shape (the schema's map, a record's props), and JSON has none: left out.
 */
export function jsonText(value: unknown): string {
  try {
    return JSON.stringify(value)
  } catch {
    // Only a BigInt (or a cycle, which a document cannot hold) throws: the slow path is rare.
    return JSON.stringify(value, (_, v: unknown) => (typeof v === 'bigint' ? undefined : v))
  }
}

/**
 * The notes as text, each embed (the notes hold text only, but a writer may insert anything) as
 * U+FFFC: the length Yjs counts it, so the steps' retains and deletes land where they should.
 */
function notesText(notes: Y.Text): string {
  let text = ''
  for (const d of notes.toDelta() as { insert: unknown }[])
    text += typeof d.insert === 'string' ? d.insert : '\ufffc'
  return text
}

/** Applies Y.Text delta ops to a string. */
export function applyNotesOps(text: string, ops: readonly NotesOp[]): string {
  let out = ''
  let pos = 0
  for (const op of ops) {
    if ('retain' in op) {
      out += text.slice(pos, pos + op.retain)
      pos += op.retain
    } else if ('insert' in op) out += op.insert
    else pos += op.delete
  }
  return out + text.slice(pos)
}
