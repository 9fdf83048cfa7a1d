import {
  type BoardAtEnd,
  type BoardInventory,
  boardInventory,
  boardRecordsArray,
  buildSegment,
  type CameraSample,
  type EstimateInputs,
  type FindingEvent,
  jsonText,
  latestRecords,
  type PrivateRead,
  readBoardEstimates,
  readBoardNotes,
  readBoardRecords,
  readBoardSchema,
  readBookmarks,
  readPrivate,
  readRubric,
  readSessionMode,
  readTimer,
  type Review,
  reviewBoard,
  type RubricRead,
  type SessionMode,
  type TimerRead,
} from '@mockboard/shared'
import type * as Y from 'yjs'

import { reviewOverTime } from '../review/reviewOverTime.js'
import type { SessionRecord, UpdateEvent } from '../storage/Storage.js'
import { docOfParts, mergeParts } from './docState.js'
import { historyBody } from './historyBody.js'
import type { SqliteTimeline } from './SqliteTimeline.js'

/**
 * Where a history task finds the stored updates: the SQLite file, read by the worker itself (the
 * rows never cross threads), or rows a caller already listed (PostgreSQL reads them asynchronously).
 */
export type TimelineSource =
  { sqlite: string; sessionId: string; withPrivate: boolean } | { rows: UpdateEvent[] }

/**
 * The CPU-heavy reads of stored documents, as messages a worker thread can run: each takes the
 * documents' stored parts (snapshot, then the updates after it) and returns plain data.
 */
export type DocTask =
  /** `state?at=`: the document as one update. */
  | { type: 'merge'; parts: Uint8Array[] }
  /** The board at its last update, as the JSON of a BoardAtEnd (`seq`: that update's). */
  | { type: 'boardAtEnd'; board: Uint8Array[]; seq: number }
  /**
   * A segment of the board's log as the replay page's steps (`buildSegment`), as JSON: the
   * snapshot it opens with (`data` null: the empty document) and its updates.
   */
  | {
      type: 'steps'
      opening: { seq: number; data: Uint8Array | null }
      updates: { seq: number; at: number; data: Uint8Array }[]
      closedBy: number | null
      keyframe: boolean
      /** The body's largest size: over it, `{ tooLarge }` instead (see buildSegment). */
      maxBytes: number
    }
  /** The report: notes and inventory of the board, the timer, and the private doc when allowed. */
  | { type: 'report'; board: Uint8Array[]; control: Uint8Array[]; private: Uint8Array[] | null }
  /** The replay timeline as its JSON body: the updates, the timer, and the bookmarks when allowed. */
  | {
      type: 'history'
      control: Uint8Array[]
      private: Uint8Array[] | null
      updates: TimelineSource
      record: SessionRecord
      cameras: CameraSample[]
      packed: boolean
      now: number
    }
  /** A workspace listing's summary: the timer and the rubric. */
  | { type: 'summary'; control: Uint8Array[]; private: Uint8Array[] }
  /** The design review of the board as its parts leave it. */
  | { type: 'review'; board: Uint8Array[] }
  /** When each finding was raised and resolved: the board's whole log, oldest first. */
  | { type: 'reviewEvents'; updates: { at: number; data: Uint8Array }[] }
  /** What a next round carries over: the estimates card's values and the session's mode. */
  | { type: 'carry'; board: Uint8Array[]; control: Uint8Array[] }

export interface ReportRead {
  timer: TimerRead
  notes: string
  inventory: BoardInventory
  private: PrivateRead | null
}

export interface CarryRead {
  estimates: EstimateInputs
  mode: SessionMode
}

/** A segment's steps as JSON, or how large they were found to be (past the task's `maxBytes`). */
export type StepsRead = { json: string } | { tooLarge: number }

export interface SummaryRead {
  timer: TimerRead
  rubric: RubricRead
}

export type DocTaskResult<T extends DocTask> = T extends { type: 'merge' }
  ? Uint8Array
  : T extends { type: 'report' }
    ? ReportRead
    : T extends { type: 'summary' }
      ? SummaryRead
      : T extends { type: 'review' }
        ? Review
        : T extends { type: 'reviewEvents' }
          ? FindingEvent[]
          : T extends { type: 'carry' }
            ? CarryRead
            : T extends { type: 'steps' }
              ? StepsRead
              : string

/** Bytes of stored updates a task carries: what its CPU cost grows with. */
export function taskBytes(task: DocTask): number {
  // Listing a file's rows is the cost itself, however small the documents: never on the event loop.
  if (task.type === 'history' && 'sqlite' in task.updates) return Infinity
  const parts =
    task.type === 'merge'
      ? task.parts
      : task.type === 'steps'
        ? [...(task.opening.data ? [task.opening.data] : []), ...task.updates.map((u) => u.data)]
        : task.type === 'review' || task.type === 'boardAtEnd'
          ? task.board
          : task.type === 'reviewEvents'
            ? task.updates.map((u) => u.data)
            : task.type === 'carry'
              ? [...task.board, ...task.control]
              : [...(task.type === 'report' ? task.board : []), ...task.control, ...(task.private ?? [])]
  // A listed row serialises to about 35 bytes of JSON.
  const rows = task.type === 'history' && 'rows' in task.updates ? task.updates.rows.length * 35 : 0
  const bytes = parts.reduce((sum, p) => sum + p.byteLength, rows)
  // Steps cost a transaction and a record's JSON per update: ten times a merge's bytes, about.
  return task.type === 'steps' ? bytes * 10 : bytes
}

function withDoc<R>(parts: readonly Uint8Array[], read: (doc: Y.Doc) => R): R {
  const doc = docOfParts(parts)
  try {
    return read(doc)
  } finally {
    doc.destroy()
  }
}

/** `timeline` reads SQLite files for history tasks: a worker passes its own (see docWorker.ts). */
export function runDocTask<T extends DocTask>(task: T, timeline?: SqliteTimeline): DocTaskResult<T>
export function runDocTask(
  task: DocTask,
  timeline?: SqliteTimeline,
): Uint8Array | ReportRead | SummaryRead | Review | FindingEvent[] | CarryRead | StepsRead | string {
  switch (task.type) {
    case 'merge':
      return mergeParts(task.parts)
    case 'boardAtEnd':
      return withDoc(task.board, (doc) =>
        jsonText({
          seq: task.seq,
          records: [...latestRecords(boardRecordsArray(doc).toArray())],
          schema: readBoardSchema(doc),
          notes: readBoardNotes(doc),
        } satisfies BoardAtEnd),
      )
    case 'steps': {
      // JSON text inside JSON: quotes escaped (control characters up to six times their size).
      const built = buildSegment(task.opening, task.updates, task.closedBy, task.keyframe, task.maxBytes / 2)
      if ('tooLarge' in built) return built
      const json = jsonText(built)
      return json.length > task.maxBytes ? { tooLarge: json.length } : { json }
    }
    case 'report':
      return {
        timer: withDoc(task.control, readTimer),
        ...withDoc(task.board, (doc) => ({
          notes: readBoardNotes(doc),
          inventory: boardInventory(readBoardRecords(doc)),
        })),
        private: task.private && withDoc(task.private, readPrivate),
      }
    case 'review':
      return withDoc(task.board, (doc) => reviewBoard(readBoardRecords(doc), readBoardEstimates(doc)))
    case 'reviewEvents':
      return reviewOverTime(task.updates)
    case 'history': {
      const source = task.updates
      if ('sqlite' in source && !timeline)
        throw new Error('history from a SQLite file runs on a document worker')
      return historyBody({
        record: task.record,
        events:
          'sqlite' in source
            ? timeline!.list(source.sqlite, source.sessionId, source.withPrivate)
            : source.rows,
        timer: withDoc(task.control, readTimer),
        bookmarks: task.private && withDoc(task.private, readBookmarks),
        cameras: task.cameras,
        packed: task.packed,
        now: task.now,
      })
    }
    case 'summary':
      return { timer: withDoc(task.control, readTimer), rubric: withDoc(task.private, readRubric) }
    case 'carry':
      return {
        estimates: withDoc(task.board, readBoardEstimates),
        mode: withDoc(task.control, readSessionMode),
      }
  }
}
