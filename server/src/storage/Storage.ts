import type { DocName, Phase } from '@mockboard/shared'

export interface SessionRecord {
  id: string
  title: string
  problem: string
  problemId: string | null
  phases: Phase[]
  createdAt: number
  endedAt: number | null
  /** The interviewer shared the report (rubric, bookmarks) with the candidate. */
  reportShared: boolean
}

export interface StoredUpdate {
  seq: number
  /** Server time the update was accepted, epoch ms; non-decreasing with seq. */
  at: number
  data: Uint8Array
}

export interface Snapshot {
  /** The snapshot holds exactly the updates with seq <= this. */
  seq: number
  at: number
  data: Uint8Array
}

/** A document as stored: the latest snapshot and every update after it. */
export interface StoredDoc {
  snapshot: Snapshot | null
  tail: StoredUpdate[]
}

export interface UpdateEvent {
  doc: DocName
  seq: number
  at: number
  size: number
}

/**
 * The store of record. Appends are ordered per (session, doc) by the caller: a room awaits each
 * append before relaying and never has two in flight.
 */
export interface Storage {
  readonly kind: string
  createSession(record: SessionRecord): Promise<void>
  getSession(id: string): Promise<SessionRecord | null>
  updateSession(id: string, patch: Partial<Pick<SessionRecord, 'endedAt' | 'reportShared'>>): Promise<void>
  appendUpdate(sessionId: string, doc: DocName, update: StoredUpdate): Promise<void>
  saveSnapshot(sessionId: string, doc: DocName, snapshot: Snapshot): Promise<void>
  /** The latest snapshot plus the tail after it: what a room loads. */
  loadDoc(sessionId: string, doc: DocName): Promise<StoredDoc>
  /** The latest snapshot at or before `at` plus the updates after it up to `at`. */
  loadDocAt(sessionId: string, doc: DocName, at: number): Promise<StoredDoc>
  /** Every stored update's time and size, for the replay timeline. */
  listUpdates(sessionId: string): Promise<UpdateEvent[]>
  /** Throws when the store cannot be reached. */
  ping(): Promise<void>
  close(): Promise<void>
}
