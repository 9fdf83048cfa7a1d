import type { CameraSample, DocName, Phase, Role, SessionSummary } from '@mockboard/shared'

import type { RecordingStorage } from './Recordings.js'

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
  /** The interviewer let observers open the replay and the report (`PUT …/share-replay`). */
  replayShared: boolean
  /** The coach workspace it belongs to, if any. */
  workspaceId: string | null
  /** Who was interviewed (free text; '' when not named). */
  candidate: string
}

/** A coach workspace: its key is kept only as a hash (see workspace/workspaceKey.ts). */
export interface WorkspaceRecord {
  id: string
  keyHash: string
  createdAt: number
}

/** Where a workspace listing page starts: after this (created_at, id), newest first. */
export interface ListingCursor {
  createdAt: number
  /** '' starts at the first session created before `createdAt` (no id sorts below ''). */
  id: string
}

/** A session of a workspace listing: its record and the summary kept beside it. */
export interface ListedSession extends SessionRecord {
  summary: SessionSummary | null
}

/**
 * Rows of one role in a document's client_ids past which ids that role announces are no longer
 * recorded: per role, so one role's churn (announcing and dropping ids is free) cannot use up the
 * other's.
 */
export const MAX_ANNOUNCED_PER_ROLE = 500

/** Client ids with the role that writes under each. */
export type ClientRoles = ReadonlyArray<readonly [number, Role]>

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

/**
 * A stretch of the log between two snapshots: the snapshot that opens it and every update up to
 * and including the one the next snapshot closes it with. Once that next snapshot exists the
 * segment never changes again (the log is append-only), so clients may cache it for good.
 */
export interface Segment extends StoredDoc {
  /** Seq of the snapshot that closes the segment; null for the last one, which grows while the session is live. */
  closedBy: number | null
}

export interface SegmentBounds {
  from: number
  /** The last update in it (`from` when it has none). */
  last: number
  closedBy: number | null
}

/** The updates of a stored doc in apply order: the snapshot (if any) first, then the tail. */
export function storedParts(stored: StoredDoc): Uint8Array[] {
  const tail = stored.tail.map((u) => u.data)
  return stored.snapshot ? [stored.snapshot.data, ...tail] : tail
}

export interface UpdateEvent {
  doc: DocName
  seq: number
  at: number
  size: number
}

/** An image dropped on a board: stored once, served at an unguessable id (see routes/assets.ts). */
export interface StoredAsset {
  /** Random, unguessable: the URL is the capability to read it. */
  id: string
  sessionId: string
  contentType: string
  data: Uint8Array
  createdAt: number
}

/**
 * The store of record. The store numbers each document's updates (seq 1, 2, …) and stamps them
 * with a time that never decreases along seq, so several server instances can append to one
 * document and "everything up to time t" is always a prefix of the log.
 */
export interface Storage extends RecordingStorage {
  readonly kind: string
  /**
   * Appends made one after another get their seqs in call order even before the earlier ones
   * resolve (SQLite numbers them as they are called): a room may hand over its next update before
   * the last is committed, and commits of one busy room share transactions.
   */
  readonly ordersAppends?: boolean
  createSession(record: SessionRecord): Promise<void>
  getSession(id: string): Promise<SessionRecord | null>
  updateSession(
    id: string,
    patch: Partial<
      Pick<SessionRecord, 'endedAt' | 'reportShared' | 'replayShared' | 'workspaceId' | 'candidate'>
    >,
  ): Promise<void>
  /**
   * Removes the session and every row that names it, in every table with a `session_id` column
   * (log, snapshots, assets, and tables added later such as recordings). False when there was none.
   */
  deleteSession(id: string): Promise<boolean>
  /** Ids of sessions created before `at`, oldest first, at most `limit` (retention). */
  sessionsCreatedBefore(at: number, limit: number): Promise<string[]>
  createWorkspace(workspace: WorkspaceRecord): Promise<void>
  getWorkspace(id: string): Promise<WorkspaceRecord | null>
  /**
   * Rotation: the old key stops working at once. Only while the stored hash is still `oldHash`:
   * false when a concurrent rotation won (the caller's key is no longer the workspace's).
   */
  setWorkspaceKey(id: string, oldHash: string, keyHash: string): Promise<boolean>
  /** Puts a session in a workspace if it is in none yet: false when it already was in one. */
  claimSession(sessionId: string, workspaceId: string): Promise<boolean>
  /**
   * A workspace's sessions after `after` in (created_at, id) descending order, at most `limit`:
   * one query; sessions created in the same millisecond are neither skipped nor repeated.
   */
  listWorkspaceSessions(workspaceId: string, after: ListingCursor, limit: number): Promise<ListedSession[]>
  /** Distinct non-empty candidate names of a workspace, by their first session (oldest first), at most `limit`. */
  workspaceCandidates(workspaceId: string, limit: number): Promise<string[]>
  /** Stores what a listing shows of the session's documents (replacing the previous one). */
  saveSummary(sessionId: string, summary: SessionSummary): Promise<void>
  /**
   * Appends one update; `at` is the caller's clock, raised if needed to keep times ordered.
   * `clientIds`: the role of each client id the update brings its first structs under (see
   * UpdateGate), an id's first record standing. They are stored no later than the update (in its
   * statement with PostgreSQL, before it with SQLite), so whoever reads the update can read them.
   * An id recorded for another role fails the append: nothing of it is stored.
   */
  appendUpdate(
    sessionId: string,
    doc: DocName,
    data: Uint8Array,
    at: number,
    clientIds?: ClientRoles,
  ): Promise<{ seq: number; at: number }>
  saveSnapshot(sessionId: string, doc: DocName, snapshot: Snapshot): Promise<void>
  /** The latest snapshot plus the tail after it: what a room loads. */
  loadDoc(sessionId: string, doc: DocName): Promise<StoredDoc>
  /**
   * Records `role` for ids a peer of that role announced in its awareness before writing under
   * them, so that a room loading elsewhere knows them too: an id's first record standing, none
   * past MAX_ANNOUNCED_PER_ROLE rows of that role in the document (ids with structs are recorded
   * with their updates whatever the count, bounded by the document).
   */
  recordAnnounced(sessionId: string, doc: DocName, role: Role, ids: readonly number[]): Promise<void>
  /** The roles of the document's client ids, as recorded with the updates (see appendUpdate) or announced. */
  loadClientIds(sessionId: string, doc: DocName): Promise<Map<number, Role>>
  /** The latest snapshot at or before `at` plus the updates after it up to `at`. */
  loadDocAt(sessionId: string, doc: DocName, at: number): Promise<StoredDoc>
  /** The segment holding update `seq`: the latest snapshot at or before it and the log up to the next one. */
  loadSegment(sessionId: string, doc: DocName, seq: number): Promise<Segment>
  /**
   * Where the segment holding update `seq` opens (`from`: its snapshot's seq, 0 for none), its
   * last update and what closes it, read from the keys alone (no data): what a reader keeping
   * built segments looks them up by.
   */
  segmentBounds(sessionId: string, doc: DocName, seq: number): Promise<SegmentBounds>
  /** Updates with seq > `afterSeq`, in order (an instance catching up on what it missed). */
  updatesAfter(sessionId: string, doc: DocName, afterSeq: number): Promise<StoredUpdate[]>
  /**
   * The seq of a document's last stored update, 0 when it has none: one lookup in the log's key,
   * no data read. Whether anything was stored since a body was built from the log (the history,
   * the review events, a summary) is this compared with the seq it was built to.
   */
  lastSeq(sessionId: string, doc: DocName): Promise<number>
  /**
   * Total bytes of a document's stored updates (snapshots not counted): what its size cap limits.
   * Cheap: each snapshot records the log's size up to it, so only the tail after it is summed.
   */
  logBytes(sessionId: string, doc: DocName): Promise<number>
  /** Every stored update's time and size, for the replay timeline. */
  listUpdates(sessionId: string): Promise<UpdateEvent[]>
  /**
   * Resolves once every update of the session appended so far can be read by another connection
   * to the store (a document worker's): SQLite's append journal is loaded first.
   */
  settle(sessionId: string): Promise<void>
  /** Records participants' cameras (a few per second per session at most: see CameraRecorder). */
  appendCameras(sessionId: string, samples: readonly CameraSample[]): Promise<void>
  /** Every camera sample of a session, in time order. */
  listCameras(sessionId: string): Promise<CameraSample[]>
  /** How many camera samples a session has stored (CameraRecorder's cap starts from it). */
  countCameras(sessionId: string): Promise<number>
  /**
   * Stores an asset unless the session's assets would then pass `maxSessionBytes` in total:
   * false, and nothing stored, in that case.
   */
  putAsset(asset: StoredAsset, maxSessionBytes: number): Promise<boolean>
  getAsset(id: string): Promise<StoredAsset | null>
  /**
   * Bytes the store occupies (SQLite: the database's pages; PostgreSQL: the database's size), for
   * the server-wide cap. Cheap on SQLite; PostgreSQL stats files, so callers keep a running total.
   */
  usedBytes(): Promise<number>
  /** Throws when the store cannot be reached. */
  ping(): Promise<void>
  close(): Promise<void>
}
