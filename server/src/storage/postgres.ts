import type { DocName, Role } from '@mockboard/shared'
import pg from 'pg'

import { postgresCameras } from './cameraTables.js'
import { migratePostgres } from './migrations/postgresMigrations.js'
import { postgresAppends } from './postgresAppends.js'
import { postgresDeletion } from './postgresDeletion.js'
import { postgresRecordings } from './postgresRecordings.js'
import { postgresSession, type PostgresSessionRow } from './postgresSessionRow.js'
import { postgresWorkspaces } from './postgresWorkspaces.js'
import {
  MAX_ANNOUNCED_PER_ROLE,
  type Segment,
  type SessionRecord,
  type Snapshot,
  type Storage,
  type StoredDoc,
  type StoredUpdate,
  type UpdateEvent,
} from './Storage.js'

/**
 * Bytes of a document's updates with seq <= $3: the latest snapshot at or below it that records its
 * log's size, plus the updates after that snapshot (summing the whole log slowed every cold join).
 */
const LOG_BYTES = `
WITH base AS (
  SELECT seq, log_bytes FROM snapshots
  WHERE session_id = $1 AND doc = $2 AND seq <= $3 AND log_bytes IS NOT NULL
  ORDER BY seq DESC LIMIT 1
)
SELECT coalesce((SELECT log_bytes FROM base), 0) + coalesce((
  SELECT sum(octet_length(data)) FROM updates
  WHERE session_id = $1 AND doc = $2 AND seq > coalesce((SELECT seq FROM base), 0) AND seq <= $3
), 0)`

interface BlobRow {
  seq: string
  at: string
  data: Buffer
}

const toBytes = (b: Buffer): Uint8Array => new Uint8Array(b.buffer, b.byteOffset, b.byteLength)
const update = (r: BlobRow): StoredUpdate => ({ seq: Number(r.seq), at: Number(r.at), data: toBytes(r.data) })
const snapshot = (r: BlobRow | undefined): Snapshot | null => (r ? update(r) : null)

/** The scale-out store of record: several instances share one PostgreSQL database. */
export async function createPostgresStorage(connectionString: string): Promise<Storage> {
  const pool = new pg.Pool({ connectionString, max: 10 })
  await migratePostgres(pool)
  const q = <R extends pg.QueryResultRow>(text: string, values: unknown[]) => pool.query<R>({ text, values })

  return {
    kind: 'postgres',
    ordersAppends: true,
    async createSession(r: SessionRecord) {
      await q(
        `INSERT INTO sessions (id, title, problem, problem_id, phases, created_at, ended_at, report_shared, replay_shared,
           workspace_id, candidate) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)`,
        [
          r.id,
          r.title,
          r.problem,
          r.problemId,
          JSON.stringify(r.phases),
          r.createdAt,
          r.endedAt,
          r.reportShared,
          r.replayShared,
          r.workspaceId,
          r.candidate,
        ],
      )
    },
    async getSession(id) {
      const { rows } = await q<PostgresSessionRow>('SELECT * FROM sessions WHERE id = $1', [id])
      return rows[0] ? postgresSession(rows[0]) : null
    },
    async updateSession(id, patch) {
      if (patch.endedAt !== undefined)
        await q('UPDATE sessions SET ended_at = $1 WHERE id = $2', [patch.endedAt, id])
      if (patch.reportShared !== undefined)
        await q('UPDATE sessions SET report_shared = $1 WHERE id = $2', [patch.reportShared, id])
      if (patch.replayShared !== undefined)
        await q('UPDATE sessions SET replay_shared = $1 WHERE id = $2', [patch.replayShared, id])
      if (patch.workspaceId !== undefined)
        await q('UPDATE sessions SET workspace_id = $1 WHERE id = $2', [patch.workspaceId, id])
      if (patch.candidate !== undefined)
        await q('UPDATE sessions SET candidate = $1 WHERE id = $2', [patch.candidate, id])
    },
    ...postgresDeletion(pool),
    ...postgresWorkspaces(pool),
    ...postgresRecordings(pool),
    appendUpdate: postgresAppends(pool),
    async recordAnnounced(sessionId, doc, role, ids) {
      await q(
        `INSERT INTO client_ids (session_id, doc, client, role)
         SELECT $1, $2, client, $3 FROM unnest($4::bigint[]) AS t(client)
         ORDER BY client
         LIMIT GREATEST(0, $5 - (SELECT count(*) FROM client_ids WHERE session_id = $1 AND doc = $2 AND role = $3))
         ON CONFLICT DO NOTHING`,
        [sessionId, doc, role, ids, MAX_ANNOUNCED_PER_ROLE],
      )
    },
    async loadClientIds(sessionId, doc) {
      const { rows } = await q<{ client: string; role: Role }>(
        'SELECT client, role FROM client_ids WHERE session_id = $1 AND doc = $2',
        [sessionId, doc],
      )
      return new Map(rows.map((r) => [Number(r.client), r.role]))
    },
    async saveSnapshot(sessionId, doc, s) {
      await q(
        `INSERT INTO snapshots (session_id, doc, seq, at, data, log_bytes)
         VALUES ($1, $2, $3, $4, $5, (${LOG_BYTES})) ON CONFLICT DO NOTHING`,
        [sessionId, doc, s.seq, s.at, Buffer.from(s.data.buffer, s.data.byteOffset, s.data.byteLength)],
      )
    },
    async loadDoc(sessionId, doc): Promise<StoredDoc> {
      const snap = snapshot(
        (
          await q<BlobRow>(
            'SELECT seq, at, data FROM snapshots WHERE session_id = $1 AND doc = $2 ORDER BY seq DESC LIMIT 1',
            [sessionId, doc],
          )
        ).rows[0],
      )
      const tail = await q<BlobRow>(
        'SELECT seq, at, data FROM updates WHERE session_id = $1 AND doc = $2 AND seq > $3 ORDER BY seq',
        [sessionId, doc, snap?.seq ?? 0],
      )
      return { snapshot: snap, tail: tail.rows.map(update) }
    },
    async loadDocAt(sessionId, doc, at): Promise<StoredDoc> {
      const snap = snapshot(
        (
          await q<BlobRow>(
            'SELECT seq, at, data FROM snapshots WHERE session_id = $1 AND doc = $2 AND at <= $3 ORDER BY seq DESC LIMIT 1',
            [sessionId, doc, at],
          )
        ).rows[0],
      )
      const tail = await q<BlobRow>(
        `SELECT seq, at, data FROM updates WHERE session_id = $1 AND doc = $2 AND seq > $3
           AND seq <= (SELECT coalesce(max(seq), 0) FROM updates WHERE session_id = $1 AND doc = $2 AND at <= $4) ORDER BY seq`,
        [sessionId, doc, snap?.seq ?? 0, at],
      )
      return { snapshot: snap, tail: tail.rows.map(update) }
    },
    async loadSegment(sessionId, doc, seq): Promise<Segment> {
      const snap = snapshot(
        (
          await q<BlobRow>(
            'SELECT seq, at, data FROM snapshots WHERE session_id = $1 AND doc = $2 AND seq <= $3 ORDER BY seq DESC LIMIT 1',
            [sessionId, doc, seq],
          )
        ).rows[0],
      )
      const from = snap?.seq ?? 0
      const next = (
        await q<{ seq: string }>(
          'SELECT seq FROM snapshots WHERE session_id = $1 AND doc = $2 AND seq > $3 ORDER BY seq LIMIT 1',
          [sessionId, doc, from],
        )
      ).rows[0]
      const closedBy = next ? Number(next.seq) : null
      const tail = await q<BlobRow>(
        'SELECT seq, at, data FROM updates WHERE session_id = $1 AND doc = $2 AND seq > $3 AND seq <= $4 ORDER BY seq',
        [sessionId, doc, from, closedBy ?? Number.MAX_SAFE_INTEGER],
      )
      return { snapshot: snap, tail: tail.rows.map(update), closedBy }
    },
    async segmentBounds(sessionId, doc, seq) {
      const { rows } = await q<{ opening: string | null; closed_by: string | null; last: string | null }>(
        `SELECT f.seq AS opening,
           (SELECT min(seq) FROM snapshots WHERE session_id = $1 AND doc = $2 AND seq > coalesce(f.seq, 0)) AS closed_by,
           (SELECT max(seq) FROM updates WHERE session_id = $1 AND doc = $2) AS last
         FROM (SELECT max(seq) AS seq FROM snapshots WHERE session_id = $1 AND doc = $2 AND seq <= $3) f`,
        [sessionId, doc, seq],
      )
      const row = rows[0]!
      const from = Number(row.opening ?? 0)
      const closedBy = row.closed_by === null ? null : Number(row.closed_by)
      return { from, last: closedBy ?? Math.max(from, Number(row.last ?? 0)), closedBy }
    },
    async updatesAfter(sessionId, doc, afterSeq) {
      const { rows } = await q<BlobRow>(
        'SELECT seq, at, data FROM updates WHERE session_id = $1 AND doc = $2 AND seq > $3 ORDER BY seq',
        [sessionId, doc, afterSeq],
      )
      return rows.map(update)
    },
    async lastSeq(sessionId, doc) {
      const { rows } = await q<{ seq: string | null }>(
        'SELECT MAX(seq) AS seq FROM updates WHERE session_id = $1 AND doc = $2',
        [sessionId, doc],
      )
      return Number(rows[0]?.seq ?? 0)
    },
    async logBytes(sessionId, doc) {
      const { rows } = await q<{ bytes: string }>(`${LOG_BYTES} AS bytes`, [
        sessionId,
        doc,
        Number.MAX_SAFE_INTEGER,
      ])
      return Number(rows[0]?.bytes ?? 0)
    },
    async listUpdates(sessionId): Promise<UpdateEvent[]> {
      const { rows } = await q<{ doc: DocName; seq: string; at: string; size: number }>(
        'SELECT doc, seq, at, octet_length(data) AS size FROM updates WHERE session_id = $1 ORDER BY at, doc, seq',
        [sessionId],
      )
      return rows.map((r) => ({ doc: r.doc, seq: Number(r.seq), at: Number(r.at), size: Number(r.size) }))
    },
    ...postgresCameras(pool),
    async putAsset(a, maxSessionBytes) {
      // The session row's lock serialises uploads to one session, so the sum cannot be raced past the cap.
      const client = await pool.connect()
      try {
        await client.query('BEGIN')
        await client.query('SELECT 1 FROM sessions WHERE id = $1 FOR UPDATE', [a.sessionId])
        const { rows } = await client.query<{ total: string }>(
          'SELECT coalesce(sum(size), 0) AS total FROM assets WHERE session_id = $1',
          [a.sessionId],
        )
        if (Number(rows[0]!.total) + a.data.byteLength > maxSessionBytes) {
          await client.query('ROLLBACK')
          return false
        }
        await client.query(
          'INSERT INTO assets (id, session_id, content_type, size, created_at, data) VALUES ($1,$2,$3,$4,$5,$6)',
          [
            a.id,
            a.sessionId,
            a.contentType,
            a.data.byteLength,
            a.createdAt,
            Buffer.from(a.data.buffer, a.data.byteOffset, a.data.byteLength),
          ],
        )
        await client.query('COMMIT')
        return true
      } catch (err) {
        await client.query('ROLLBACK').catch(() => {})
        throw err
      } finally {
        client.release()
      }
    },
    async getAsset(id) {
      const { rows } = await q<{
        id: string
        session_id: string
        content_type: string
        created_at: string
        data: Buffer
      }>('SELECT id, session_id, content_type, created_at, data FROM assets WHERE id = $1', [id])
      const row = rows[0]
      return row
        ? {
            id: row.id,
            sessionId: row.session_id,
            contentType: row.content_type,
            createdAt: Number(row.created_at),
            data: toBytes(row.data),
          }
        : null
    },
    async usedBytes() {
      const { rows } = await q<{ bytes: string }>('SELECT pg_database_size(current_database()) AS bytes', [])
      return Number(rows[0]?.bytes ?? 0)
    },
    async settle() {
      // Every append is committed before it resolves.
    },
    async ping() {
      await pool.query('SELECT 1')
    },
    async close() {
      await pool.end()
    },
  }
}
