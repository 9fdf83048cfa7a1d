import {
  type BoardInventory,
  boardInventory,
  type Bookmark,
  type EstimateInputs,
  type FindingEvent,
  type PrivateRead,
  readBoardEstimates,
  readBoardNotes,
  readBoardRecords,
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
import { docOfParts, mergeParts } from './docState.js'

/**
 * The CPU-heavy reads of stored documents, as messages a worker thread can run: each takes the
 * documents' stored parts (snapshot, then the updates after it) and returns plain data.
 */
export type DocTask =
  /** `state?at=`: the document as one update. */
  | { type: 'merge'; parts: Uint8Array[] }
  /** The report: notes and inventory of the board, the timer, and the private doc when allowed. */
  | { type: 'report'; board: Uint8Array[]; control: Uint8Array[]; private: Uint8Array[] | null }
  /** The replay timeline: the timer, and the bookmarks when allowed. */
  | { type: 'history'; control: Uint8Array[]; private: Uint8Array[] | null }
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

export interface HistoryRead {
  timer: TimerRead
  bookmarks: Bookmark[] | null
}

export interface CarryRead {
  estimates: EstimateInputs
  mode: SessionMode
}

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
            : HistoryRead

/** Bytes of stored updates a task carries: what its CPU cost grows with. */
export function taskBytes(task: DocTask): number {
  const parts =
    task.type === 'merge'
      ? task.parts
      : task.type === 'review'
        ? task.board
        : task.type === 'reviewEvents'
          ? task.updates.map((u) => u.data)
          : task.type === 'carry'
            ? [...task.board, ...task.control]
            : [...(task.type === 'report' ? task.board : []), ...task.control, ...(task.private ?? [])]
  return parts.reduce((sum, p) => sum + p.byteLength, 0)
}

function withDoc<R>(parts: readonly Uint8Array[], read: (doc: Y.Doc) => R): R {
  const doc = docOfParts(parts)
  try {
    return read(doc)
  } finally {
    doc.destroy()
  }
}

export function runDocTask<T extends DocTask>(task: T): DocTaskResult<T>
export function runDocTask(
  task: DocTask,
): Uint8Array | ReportRead | HistoryRead | SummaryRead | Review | FindingEvent[] | CarryRead {
  switch (task.type) {
    case 'merge':
      return mergeParts(task.parts)
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
    case 'history':
      return {
        timer: withDoc(task.control, readTimer),
        bookmarks: task.private && withDoc(task.private, readBookmarks),
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
