import type { CameraSample } from '@mockboard/shared'
import {
  type Bookmark,
  packUpdates,
  phaseSpans,
  type SessionHistory,
  type TimerRead,
} from '@mockboard/shared'

import type { SessionRecord, UpdateEvent } from '../storage/Storage.js'

export interface HistoryInput {
  record: SessionRecord
  /** Every stored update the reader may see, oldest first. */
  events: UpdateEvent[]
  timer: TimerRead
  bookmarks: Bookmark[] | null
  cameras: CameraSample[]
  /** `?format=packed`: the update columns delta-coded (see shared/packUpdates.ts). */
  packed: boolean
  now: number
}

/**
 * The replay timeline as its JSON body: every stored update's time and size (~35 bytes of JSON
 * each), phases, bookmarks. Built on a document worker: a session of 78k updates took 250–500 ms
 * of the event loop per request to list and serialise.
 */
export function historyBody({
  record,
  events,
  timer,
  bookmarks,
  cameras,
  packed,
  now,
}: HistoryInput): string {
  const plan = timer.plan ?? record.phases
  const lastActivityAt = events.at(-1)?.at ?? null
  const endedAt = record.endedAt ?? timer.state?.endedAt ?? null
  const startedAt = Math.min(timer.state?.startedAt ?? Infinity, events[0]?.at ?? Infinity)
  const updates = {
    at: events.map((e) => e.at),
    doc: events.map((e) => e.doc),
    seq: events.map((e) => e.seq),
    size: events.map((e) => e.size),
  }
  const history: SessionHistory = {
    id: record.id,
    title: record.title,
    problem: record.problem,
    plannedPhases: plan,
    createdAt: record.createdAt,
    startedAt: Number.isFinite(startedAt) ? startedAt : null,
    endedAt,
    lastActivityAt,
    phases: phaseSpans(plan, timer.events, endedAt ?? lastActivityAt ?? now),
    timerEvents: timer.events,
    updates,
    reportShared: record.reportShared,
    cameras,
  }
  if (bookmarks) history.bookmarks = bookmarks
  return JSON.stringify(packed ? { ...history, updates: packUpdates(updates) } : history)
}
