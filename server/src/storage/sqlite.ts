import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'

import type { DocName } from '@mockboard/shared'
import Database from 'better-sqlite3'
import type { Logger } from 'pino'

import { lockDatabase } from './appendJournal.js'
import { sqliteCameras } from './cameraTables.js'
import { type Checkpointer, startCheckpointer } from './checkpointer.js'
import { recoverJournal } from './journalLoader.js'
import { migrateSqlite } from './migrations/sqliteMigrations.js'
import { sqliteClientIds } from './sqliteClientIds.js'
import { sqliteDeletion } from './sqliteDeletion.js'
import { sqliteRecordings } from './sqliteRecordings.js'
import { sqliteSession, type SqliteSessionRow } from './sqliteSessionRow.js'
import { sqliteWorkspaces } from './sqliteWorkspaces.js'
import { inlineLogWriter, type LoadSchedule, type LogWriter, startLogWriter } from './sqliteWriter.js'
import type {
  Segment,
  SessionRecord,
  Snapshot,
  Storage,
  StoredAsset,
  StoredDoc,
  StoredUpdate,
  UpdateEvent,
} from './Storage.js'
import type { StorageHealth } from './StorageHealth.js'

interface BlobRow {
  seq: number
  at: number
  data: Buffer
}

/**
 * Bytes of a document's updates with seq <= the bound: the latest snapshot at or below it that
 * records its log's size, plus the updates after that snapshot. Summing the whole log read every
 * stored byte: 0.14–0.3 s of each cold join at 36k updates, against 0.5 ms now.
 */
const LOG_BYTES = `
WITH base AS (
  SELECT seq, log_bytes FROM snapshots
  WHERE session_id = @sessionId AND doc = @doc AND seq <= @bound AND log_bytes IS NOT NULL
  ORDER BY seq DESC LIMIT 1
)
SELECT coalesce((SELECT log_bytes FROM base), 0) + coalesce((
  SELECT sum(length(data)) FROM updates
  WHERE session_id = @sessionId AND doc = @doc AND seq > coalesce((SELECT seq FROM base), 0) AND seq <= @bound
), 0)`

const INSERT_SNAPSHOT = `INSERT OR REPLACE INTO snapshots (session_id, doc, seq, at, data, log_bytes)
  VALUES (@sessionId, @doc, @bound, @at, @data, (${LOG_BYTES}))`

const toBytes = (b: Buffer): Uint8Array => new Uint8Array(b.buffer, b.byteOffset, b.byteLength)

export interface SqliteOptions {
  /** Where checkpoint failures go (they run on another thread and fail nothing else). */
  logger?: Pick<Logger, 'error' | 'warn' | 'info'>
  /**
   * Whether the log goes through the append journal and its loader thread (the default; `false`
   * commits each turn's rows on the caller's connection, as `:memory:` does).
   */
  writerThread?: boolean
  /** When the append journal is loaded into SQLite (tests shorten it). */
  journal?: LoadSchedule
  /** Told when loading the journal fails, and when it works again. */
  health?: Pick<StorageHealth, 'recordBackground'>
}

/**
 * Once a checkpoint has copied the WAL back, SQLite truncates the WAL file to this size: a burst
 * (a big import, a long offline backlog) would otherwise keep its peak size on disk for good.
 */
const JOURNAL_SIZE_LIMIT = 64 * 1024 * 1024

/**
 * The embedded default: one SQLite file in WAL mode. `synchronous = NORMAL` keeps every committed
 * append across a process crash (kill -9); only a power loss may drop the last transactions.
 */
export function createSqliteStorage(file: string, options: SqliteOptions = {}): Storage {
  const logger = options.logger
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true })
  const unlock = file === ':memory:' ? null : lockDatabase(file)
  let db: Database.Database
  try {
    db = new Database(file)
  } catch (err) {
    unlock?.()
    throw err
  }
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = NORMAL')
  db.pragma('busy_timeout = 5000')
  // Deleted rows are overwritten with zeros, not left readable in free space (see sqliteDeletion.ts).
  db.pragma('secure_delete = ON')
  db.pragma(`journal_size_limit = ${JOURNAL_SIZE_LIMIT}`)
  try {
    migrateSqlite(db)
  } catch (err) {
    db.close()
    unlock?.()
    throw err
  }
  // Checkpoints run on their own thread (see checkpointer.ts), not inside our commits.
  let checkpointer: Checkpointer | null = null
  if (file !== ':memory:') {
    db.pragma('wal_autocheckpoint = 0')
    checkpointer = startCheckpointer(file, {
      onFailure: (err) => {
        logger?.error({ err }, 'checkpoint thread failed; SQLite checkpoints inside commits again')
        if (db.open) db.pragma('wal_autocheckpoint = 1000')
      },
      onCheckpointError: (message) => {
        if (message === null) logger?.info('WAL checkpoint works again')
        else
          logger?.error({ file, error: message }, 'WAL checkpoint failed; the WAL grows until it works again')
      },
    })
  }

  const insertSession = db.prepare(
    `INSERT INTO sessions (id, title, problem, problem_id, phases, created_at, ended_at, report_shared, replay_shared,
       workspace_id, candidate)
     VALUES (@id, @title, @problem, @problemId, @phases, @createdAt, @endedAt, @reportShared, @replayShared,
       @workspaceId, @candidate)`,
  )
  const selectSession = db.prepare<[string], SqliteSessionRow>('SELECT * FROM sessions WHERE id = ?')
  const latestSnapshot = db.prepare<[string, string], BlobRow>(
    'SELECT seq, at, data FROM snapshots WHERE session_id = ? AND doc = ? ORDER BY seq DESC LIMIT 1',
  )
  const snapshotAt = db.prepare<[string, string, number], BlobRow>(
    'SELECT seq, at, data FROM snapshots WHERE session_id = ? AND doc = ? AND at <= ? ORDER BY seq DESC LIMIT 1',
  )
  const tailAfter = db.prepare<[string, string, number], BlobRow>(
    'SELECT seq, at, data FROM updates WHERE session_id = ? AND doc = ? AND seq > ? ORDER BY seq',
  )
  // Times never decrease along seq, so the first snapshot after `at` bounds the tail to scan.
  const nextSnapshotSeq = db.prepare<[string, string, number], { seq: number }>(
    'SELECT seq FROM snapshots WHERE session_id = ? AND doc = ? AND at > ? ORDER BY seq LIMIT 1',
  )
  const tailUntil = db.prepare<[string, string, number, number, number], BlobRow>(
    'SELECT seq, at, data FROM updates WHERE session_id = ? AND doc = ? AND seq > ? AND seq < ? AND at <= ? ORDER BY seq',
  )
  const snapshotAtSeq = db.prepare<[string, string, number], BlobRow>(
    'SELECT seq, at, data FROM snapshots WHERE session_id = ? AND doc = ? AND seq <= ? ORDER BY seq DESC LIMIT 1',
  )
  const snapshotSeqAtSeq = db
    .prepare<[string, string, number], number | undefined>(
      'SELECT seq FROM snapshots WHERE session_id = ? AND doc = ? AND seq <= ? ORDER BY seq DESC LIMIT 1',
    )
    .pluck()
  const snapshotAfterSeq = db.prepare<[string, string, number], { seq: number }>(
    'SELECT seq FROM snapshots WHERE session_id = ? AND doc = ? AND seq > ? ORDER BY seq LIMIT 1',
  )
  const updatesBetween = db.prepare<[string, string, number, number], BlobRow>(
    'SELECT seq, at, data FROM updates WHERE session_id = ? AND doc = ? AND seq > ? AND seq <= ? ORDER BY seq',
  )
  const maxSeq = db
    .prepare<[string, string], number | null>('SELECT MAX(seq) FROM updates WHERE session_id = ? AND doc = ?')
    .pluck()
  const sumBytes = db.prepare<{ sessionId: string; doc: string; bound: number }, number>(LOG_BYTES).pluck()
  const listAll = db.prepare<[string], { doc: DocName; seq: number; at: number; size: number }>(
    'SELECT doc, seq, at, length(data) AS size FROM updates WHERE session_id = ? ORDER BY at, doc, seq',
  )

  const assetBytes = db.prepare<[string], { total: number }>(
    'SELECT coalesce(sum(size), 0) AS total FROM assets WHERE session_id = ?',
  )
  const insertAsset = db.prepare(
    'INSERT INTO assets (id, session_id, content_type, size, created_at, data) VALUES (?, ?, ?, ?, ?, ?)',
  )
  const selectAsset = db.prepare<
    [string],
    { id: string; session_id: string; content_type: string; created_at: number; data: Buffer }
  >('SELECT id, session_id, content_type, created_at, data FROM assets WHERE id = ?')
  // Sum and insert in one transaction: concurrent uploads cannot pass the cap together.
  const putAsset = db.transaction((a: StoredAsset, maxSessionBytes: number): boolean => {
    if (assetBytes.get(a.sessionId)!.total + a.data.byteLength > maxSessionBytes) return false
    insertAsset.run(a.id, a.sessionId, a.contentType, a.data.byteLength, a.createdAt, a.data)
    return true
  })

  // Times never decrease along seq: the last row holds both maxima.
  const head = db.prepare<[string, string], { seq: number; at: number }>(
    'SELECT seq, at FROM updates WHERE session_id = ? AND doc = ? ORDER BY seq DESC LIMIT 1',
  )
  const clientIds = sqliteClientIds(db)
  // One process owns the file, so the head of each document can be kept here after one read.
  // By session, then doc: no key string is built per append (the room's names are the same strings each time).
  const heads = new Map<string, Map<string, { seq: number; at: number }>>()
  const headOf = (sessionId: string, doc: string) => {
    let docs = heads.get(sessionId)
    if (!docs) heads.set(sessionId, (docs = new Map<string, { seq: number; at: number }>()))
    let h = docs.get(doc)
    if (!h) {
      const row = head.get(sessionId, doc)
      h = { seq: row?.seq ?? 0, at: row?.at ?? 0 }
      docs.set(doc, h)
    }
    return h
  }

  const writerSql = {
    insertUpdate: 'INSERT INTO updates (session_id, doc, seq, at, data) VALUES (?, ?, ?, ?, ?)',
    loadUpdate:
      'INSERT INTO updates (session_id, doc, seq, at, data) VALUES (?, ?, ?, ?, ?) ON CONFLICT (session_id, doc, seq) DO NOTHING',
    insertSnapshot: INSERT_SNAPSHOT,
  }
  // The log goes through the append journal, loaded by a thread of its own (see sqliteWriter.ts).
  const writerThread = options.writerThread ?? true
  // Inline, the rows a journal run left go in first all the same.
  if (file !== ':memory:' && !writerThread) recoverJournal(db, file, writerSql)
  const writer: LogWriter =
    file === ':memory:' || !writerThread
      ? inlineLogWriter(db, writerSql)
      : startLogWriter(
          file,
          db,
          writerSql,
          {
            onThreadFailure: (err) =>
              logger?.error({ err }, 'log loader thread failed; the journal loads on the main thread'),
            onLoadFailure: (message) => {
              options.health?.recordBackground(
                message === null ? null : new Error(`loading the append journal failed: ${message}`),
              )
              if (message === null) logger?.info('the append journal loads into SQLite again')
              else
                logger?.error(
                  { file, error: message },
                  'append journal load failed; its segments stay on disk and are tried again',
                )
            },
            onOddities: ({ ignored, missing, torn }) =>
              logger?.warn(
                { file, ignored, missing, torn },
                'append journal: rows already stored were skipped, a segment was gone, or a torn record (after a crash or a failed write) dropped',
              ),
          },
          options.journal,
        )

  const rows = (list: BlobRow[]): StoredUpdate[] =>
    list.map((r) => ({ seq: r.seq, at: r.at, data: toBytes(r.data) }))
  const snap = (row: BlobRow | undefined): Snapshot | null =>
    row ? { seq: row.seq, at: row.at, data: toBytes(row.data) } : null

  return {
    kind: 'sqlite',
    ordersAppends: true,
    async createSession(r: SessionRecord) {
      insertSession.run({
        ...r,
        phases: JSON.stringify(r.phases),
        reportShared: r.reportShared ? 1 : 0,
        replayShared: r.replayShared ? 1 : 0,
      })
    },
    async getSession(id) {
      const row = selectSession.get(id)
      return row ? sqliteSession(row) : null
    },
    async updateSession(id, patch) {
      if (patch.endedAt !== undefined)
        db.prepare('UPDATE sessions SET ended_at = ? WHERE id = ?').run(patch.endedAt, id)
      if (patch.reportShared !== undefined)
        db.prepare('UPDATE sessions SET report_shared = ? WHERE id = ?').run(patch.reportShared ? 1 : 0, id)
      if (patch.replayShared !== undefined)
        db.prepare('UPDATE sessions SET replay_shared = ? WHERE id = ?').run(patch.replayShared ? 1 : 0, id)
      if (patch.workspaceId !== undefined)
        db.prepare('UPDATE sessions SET workspace_id = ? WHERE id = ?').run(patch.workspaceId, id)
      if (patch.candidate !== undefined)
        db.prepare('UPDATE sessions SET candidate = ? WHERE id = ?').run(patch.candidate, id)
    },
    ...sqliteDeletion(db, {
      settle: (id) => writer.settle(id),
      forget: (id) => {
        heads.delete(id)
      },
      truncateWal: async () => {
        if (checkpointer && !(await checkpointer.truncate()))
          logger?.warn({ file }, 'WAL not truncated after a deletion (a reader held it): it empties later')
      },
    }),
    ...sqliteWorkspaces(db),
    ...sqliteRecordings(db),
    loadClientIds: clientIds.loadClientIds,
    recordAnnounced: clientIds.recordAnnounced,
    appendUpdate(sessionId, doc, data, now, roles) {
      if (roles && roles.length > 0)
        try {
          clientIds.recordClientIds(sessionId, doc, roles)
        } catch (err) {
          return Promise.reject(err instanceof Error ? err : new Error(String(err)))
        }
      const h = headOf(sessionId, doc)
      h.seq += 1
      h.at = Math.max(now, h.at)
      const { seq, at } = h
      return writer.append([sessionId, doc, seq, at, data]).then(
        () => ({ seq, at }),
        (err: unknown) => {
          // Not stored: the next append takes its seq, unless one came since (a gap then: the
          // journal's rows are not in SQLite yet, so reading the head from there could number
          // a later row the same as a stored one).
          if (h.seq === seq) h.seq = seq - 1
          throw err
        },
      )
    },
    async saveSnapshot(sessionId, doc, s) {
      await writer.saveSnapshot({ sessionId, doc, bound: s.seq, at: s.at, data: s.data })
    },
    async loadDoc(sessionId, doc): Promise<StoredDoc> {
      await writer.settle(sessionId)
      const snapshot = snap(latestSnapshot.get(sessionId, doc))
      return { snapshot, tail: rows(tailAfter.all(sessionId, doc, snapshot?.seq ?? 0)) }
    },
    async loadDocAt(sessionId, doc, at): Promise<StoredDoc> {
      await writer.settle(sessionId)
      const snapshot = snap(snapshotAt.get(sessionId, doc, at))
      const bound = nextSnapshotSeq.get(sessionId, doc, at)?.seq ?? Number.MAX_SAFE_INTEGER
      return { snapshot, tail: rows(tailUntil.all(sessionId, doc, snapshot?.seq ?? 0, bound, at)) }
    },
    async loadSegment(sessionId, doc, seq): Promise<Segment> {
      await writer.settle(sessionId)
      const snapshot = snap(snapshotAtSeq.get(sessionId, doc, seq))
      const from = snapshot?.seq ?? 0
      const closedBy = snapshotAfterSeq.get(sessionId, doc, from)?.seq ?? null
      return {
        snapshot,
        tail: rows(updatesBetween.all(sessionId, doc, from, closedBy ?? Number.MAX_SAFE_INTEGER)),
        closedBy,
      }
    },
    async segmentBounds(sessionId, doc, seq) {
      await writer.settle(sessionId)
      const from = snapshotSeqAtSeq.get(sessionId, doc, seq) ?? 0
      const closedBy = snapshotAfterSeq.get(sessionId, doc, from)?.seq ?? null
      return { from, last: closedBy ?? Math.max(from, maxSeq.get(sessionId, doc) ?? 0), closedBy }
    },
    async updatesAfter(sessionId, doc, afterSeq) {
      await writer.settle(sessionId)
      return rows(tailAfter.all(sessionId, doc, afterSeq))
    },
    async lastSeq(sessionId, doc) {
      // This process numbers the log: a head it knows is the last row, stored or in the journal.
      return heads.get(sessionId)?.get(doc)?.seq ?? maxSeq.get(sessionId, doc) ?? 0
    },
    async logBytes(sessionId, doc) {
      await writer.settle(sessionId)
      return sumBytes.get({ sessionId, doc, bound: Number.MAX_SAFE_INTEGER }) ?? 0
    },
    settle: (sessionId) => writer.settle(sessionId),
    async listUpdates(sessionId): Promise<UpdateEvent[]> {
      await writer.settle(sessionId)
      return listAll.all(sessionId)
    },
    ...sqliteCameras(db),
    async putAsset(asset, maxSessionBytes) {
      // Immediate: it reads the session's total, then writes. Begun deferred, a commit of the log's
      // writer thread between the two fails it at once with SQLITE_BUSY (the busy timeout does
      // not cover upgrading a read to a write).
      return putAsset.immediate(asset, maxSessionBytes)
    },
    async getAsset(id) {
      const row = selectAsset.get(id)
      return row
        ? {
            id: row.id,
            sessionId: row.session_id,
            contentType: row.content_type,
            createdAt: row.created_at,
            data: toBytes(row.data),
          }
        : null
    },
    async usedBytes() {
      // All read the file header: O(1). Pages still in the WAL count. Free pages do not: they hold
      // disk but are written again before the file grows (a deleted session's, the old log table's
      // after migration 10 copied it), so counting them would keep the budget full for good.
      const pages =
        (db.pragma('page_count', { simple: true }) as number) -
        (db.pragma('freelist_count', { simple: true }) as number)
      return pages * (db.pragma('page_size', { simple: true }) as number) + writer.pendingBytes
    },
    async ping() {
      db.prepare('SELECT 1').get()
    },
    async close() {
      if (!db.open) return
      await writer.close()
      await checkpointer?.stop()
      db.close()
      unlock?.()
    },
  }
}
