import type { Role } from '@mockboard/shared'
import type pg from 'pg'

import {
  type Aggregates,
  aggregatesOf,
  type RecordingRecord,
  type RecordingStorage,
  summarize,
} from './Recordings.js'

interface RecordingRow {
  session_id: string
  id: string
  participant: string
  role: string
  mime: string
  consented_at: string
  stopped_at: string | null
}

const recordOf = (r: RecordingRow): RecordingRecord => ({
  id: r.id,
  sessionId: r.session_id,
  participant: r.participant,
  role: r.role as Role,
  mime: r.mime,
  consentedAt: Number(r.consented_at),
  stoppedAt: r.stopped_at === null ? null : Number(r.stopped_at),
})

/** The recordings' part of the PostgreSQL store. */
export function postgresRecordings(pool: pg.Pool): RecordingStorage {
  const q = <R extends pg.QueryResultRow>(text: string, values: unknown[]) => pool.query<R>({ text, values })
  return {
    async createRecording(r, maxTakes) {
      // The session row's lock serialises agreements to one session: the count cannot be raced past the cap.
      const client = await pool.connect()
      try {
        await client.query('BEGIN')
        await client.query('SELECT 1 FROM sessions WHERE id = $1 FOR UPDATE', [r.sessionId])
        const { rows } = await client.query<{ n: string }>(
          'SELECT count(*) AS n FROM recordings WHERE session_id = $1',
          [r.sessionId],
        )
        const verdict = Number(rows[0]!.n) >= maxTakes ? 'full' : 'created'
        if (verdict === 'created')
          await client.query(
            'INSERT INTO recordings (session_id, id, participant, role, mime, consented_at, stopped_at) VALUES ($1,$2,$3,$4,$5,$6,$7)',
            [r.sessionId, r.id, r.participant, r.role, r.mime, r.consentedAt, r.stoppedAt],
          )
        await client.query('COMMIT')
        return verdict
      } catch (err) {
        await client.query('ROLLBACK').catch(() => {})
        throw err
      } finally {
        client.release()
      }
    },
    async getRecording(sessionId, id) {
      const { rows } = await q<RecordingRow>('SELECT * FROM recordings WHERE session_id = $1 AND id = $2', [
        sessionId,
        id,
      ])
      return rows[0] ? recordOf(rows[0]) : null
    },
    async stopRecording(sessionId, id, at) {
      await q(
        'UPDATE recordings SET stopped_at = $1 WHERE session_id = $2 AND id = $3 AND stopped_at IS NULL',
        [at, sessionId, id],
      )
    },
    async putAudioChunk(c, maxSessionBytes) {
      // The session row's lock serialises uploads to one session, so the sum cannot be raced past the cap.
      const client = await pool.connect()
      try {
        await client.query('BEGIN')
        await client.query('SELECT 1 FROM sessions WHERE id = $1 FOR UPDATE', [c.sessionId])
        const dup = await client.query(
          'SELECT 1 FROM audio_chunks WHERE session_id = $1 AND recording_id = $2 AND idx = $3',
          [c.sessionId, c.recordingId, c.index],
        )
        const { rows } = await client.query<{ total: string }>(
          'SELECT coalesce(sum(size), 0) AS total FROM audio_chunks WHERE session_id = $1',
          [c.sessionId],
        )
        const verdict =
          dup.rowCount !== 0
            ? 'duplicate'
            : Number(rows[0]!.total) + c.data.byteLength > maxSessionBytes
              ? 'full'
              : 'stored'
        if (verdict === 'stored')
          await client.query(
            'INSERT INTO audio_chunks (session_id, recording_id, idx, at, duration_ms, size, data, levels) VALUES ($1,$2,$3,$4,$5,$6,$7,$8)',
            [
              c.sessionId,
              c.recordingId,
              c.index,
              c.at,
              c.durationMs,
              c.data.byteLength,
              Buffer.from(c.data.buffer, c.data.byteOffset, c.data.byteLength),
              c.levels ?? '',
            ],
          )
        await client.query('COMMIT')
        return verdict
      } catch (err) {
        await client.query('ROLLBACK').catch(() => {})
        throw err
      } finally {
        client.release()
      }
    },
    async listRecordings(sessionId) {
      // One query: aggregates per take, joined to each take's first chunk.
      const { rows } = await q<RecordingRow & Aggregates>(
        `SELECT r.*, f.at AS first_at, f.duration_ms AS first_duration,
          coalesce(a.duration, 0) AS duration, coalesce(a.bytes, 0) AS bytes, coalesce(a.chunks, 0) AS chunks
        FROM recordings r
        LEFT JOIN (
          SELECT recording_id, sum(duration_ms) AS duration, sum(size) AS bytes, count(*) AS chunks, min(idx) AS first_idx
          FROM audio_chunks WHERE session_id = $1 GROUP BY recording_id
        ) a ON a.recording_id = r.id
        LEFT JOIN audio_chunks f ON f.session_id = r.session_id AND f.recording_id = r.id AND f.idx = a.first_idx
        WHERE r.session_id = $1 ORDER BY r.consented_at, r.id`,
        [sessionId],
      )
      return rows.map((row) => summarize(recordOf(row), aggregatesOf(row)))
    },
    async audioLevels(sessionId) {
      const { rows } = await q<{ recording_id: string; idx: number; duration_ms: number; levels: string }>(
        'SELECT recording_id, idx, duration_ms, levels FROM audio_chunks WHERE session_id = $1 ORDER BY recording_id, idx',
        [sessionId],
      )
      return rows.map((c) => ({
        recordingId: c.recording_id,
        index: c.idx,
        durationMs: c.duration_ms,
        levels: c.levels,
      }))
    },
    async audioLayout(sessionId, recordingId) {
      const { rows } = await q<{ idx: number; size: number }>(
        'SELECT idx, size FROM audio_chunks WHERE session_id = $1 AND recording_id = $2 ORDER BY idx',
        [sessionId, recordingId],
      )
      return rows.map((c) => ({ index: c.idx, size: Number(c.size) }))
    },
    async audioChunkRange(sessionId, recordingId, from, to) {
      const { rows } = await q<{ idx: number; at: string; duration_ms: number; data: Buffer }>(
        'SELECT idx, at, duration_ms, data FROM audio_chunks WHERE session_id = $1 AND recording_id = $2 AND idx BETWEEN $3 AND $4 ORDER BY idx',
        [sessionId, recordingId, from, to],
      )
      return rows.map((c) => ({
        sessionId,
        recordingId,
        index: c.idx,
        at: Number(c.at),
        durationMs: c.duration_ms,
        data: new Uint8Array(c.data.buffer, c.data.byteOffset, c.data.byteLength),
      }))
    },
    async audioChunks(sessionId, recordingId) {
      const { rows } = await q<{ idx: number; at: string; duration_ms: number; data: Buffer }>(
        'SELECT idx, at, duration_ms, data FROM audio_chunks WHERE session_id = $1 AND recording_id = $2 ORDER BY idx',
        [sessionId, recordingId],
      )
      return rows.map((c) => ({
        sessionId,
        recordingId,
        index: c.idx,
        at: Number(c.at),
        durationMs: c.duration_ms,
        data: new Uint8Array(c.data.buffer, c.data.byteOffset, c.data.byteLength),
      }))
    },
    async deleteRecordings(sessionId) {
      await q('DELETE FROM audio_chunks WHERE session_id = $1', [sessionId])
      const { rowCount } = await q('DELETE FROM recordings WHERE session_id = $1', [sessionId])
      return rowCount ?? 0
    },
  }
}
