import type { Role } from '@mockboard/shared'
import type Database from 'better-sqlite3'

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
  consented_at: number
  stopped_at: number | null
}

const recordOf = (r: RecordingRow): RecordingRecord => ({
  id: r.id,
  sessionId: r.session_id,
  participant: r.participant,
  role: r.role as Role,
  mime: r.mime,
  consentedAt: r.consented_at,
  stoppedAt: r.stopped_at,
})

/** The recordings' part of the SQLite store. */
export function sqliteRecordings(db: Database.Database): RecordingStorage {
  const insert = db.prepare(
    'INSERT INTO recordings (session_id, id, participant, role, mime, consented_at, stopped_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  )
  const select = db.prepare<[string, string], RecordingRow>(
    'SELECT * FROM recordings WHERE session_id = ? AND id = ?',
  )
  const stop = db.prepare(
    'UPDATE recordings SET stopped_at = ? WHERE session_id = ? AND id = ? AND stopped_at IS NULL',
  )
  const total = db
    .prepare<[string], number>('SELECT coalesce(sum(size), 0) FROM audio_chunks WHERE session_id = ?')
    .pluck()
  const insertChunk = db.prepare(
    'INSERT OR IGNORE INTO audio_chunks (session_id, recording_id, idx, at, duration_ms, size, data, levels) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  )
  const exists = db
    .prepare<[string, string, number], number>(
      'SELECT 1 FROM audio_chunks WHERE session_id = ? AND recording_id = ? AND idx = ?',
    )
    .pluck()
  const count = db.prepare<[string], number>('SELECT count(*) FROM recordings WHERE session_id = ?').pluck()
  // One query for the whole list: aggregates per take, joined to each take's first chunk.
  const list = db.prepare<[string, string], RecordingRow & Aggregates>(
    `SELECT r.*, f.at AS first_at, f.duration_ms AS first_duration,
      coalesce(a.duration, 0) AS duration, coalesce(a.bytes, 0) AS bytes, coalesce(a.chunks, 0) AS chunks
    FROM recordings r
    LEFT JOIN (
      SELECT recording_id, sum(duration_ms) AS duration, sum(size) AS bytes, count(*) AS chunks, min(idx) AS first_idx
      FROM audio_chunks WHERE session_id = ? GROUP BY recording_id
    ) a ON a.recording_id = r.id
    LEFT JOIN audio_chunks f ON f.session_id = r.session_id AND f.recording_id = r.id AND f.idx = a.first_idx
    WHERE r.session_id = ? ORDER BY r.consented_at, r.id`,
  )
  const levels = db.prepare<
    [string],
    { recording_id: string; idx: number; duration_ms: number; levels: string }
  >(
    'SELECT recording_id, idx, duration_ms, levels FROM audio_chunks WHERE session_id = ? ORDER BY recording_id, idx',
  )
  const layout = db.prepare<[string, string], { idx: number; size: number }>(
    'SELECT idx, size FROM audio_chunks WHERE session_id = ? AND recording_id = ? ORDER BY idx',
  )
  const range = db.prepare<
    [string, string, number, number],
    { idx: number; at: number; duration_ms: number; data: Buffer }
  >(
    'SELECT idx, at, duration_ms, data FROM audio_chunks WHERE session_id = ? AND recording_id = ? AND idx BETWEEN ? AND ? ORDER BY idx',
  )
  const chunks = db.prepare<[string, string], { idx: number; at: number; duration_ms: number; data: Buffer }>(
    'SELECT idx, at, duration_ms, data FROM audio_chunks WHERE session_id = ? AND recording_id = ? ORDER BY idx',
  )
  const deleteChunks = db.prepare('DELETE FROM audio_chunks WHERE session_id = ?')
  const deleteRecordings = db.prepare('DELETE FROM recordings WHERE session_id = ?')

  // One transaction: the sum and the insert cannot be raced past the cap. Run immediate (below):
  // begun deferred, a commit by another connection between its read and its write fails it with
  // SQLITE_BUSY at once, whatever the busy timeout.
  const put = db.transaction(
    (c: Parameters<RecordingStorage['putAudioChunk']>[0], max: number): 'stored' | 'duplicate' | 'full' => {
      if (exists.get(c.sessionId, c.recordingId, c.index)) return 'duplicate'
      if (total.get(c.sessionId)! + c.data.byteLength > max) return 'full'
      insertChunk.run(
        c.sessionId,
        c.recordingId,
        c.index,
        c.at,
        c.durationMs,
        c.data.byteLength,
        c.data,
        c.levels ?? '',
      )
      return 'stored'
    },
  )
  const create = db.transaction((r: RecordingRecord, maxTakes: number): 'created' | 'full' => {
    if (count.get(r.sessionId)! >= maxTakes) return 'full'
    insert.run(r.sessionId, r.id, r.participant, r.role, r.mime, r.consentedAt, r.stoppedAt)
    return 'created'
  })
  const remove = db.transaction((sessionId: string) => {
    deleteChunks.run(sessionId)
    return deleteRecordings.run(sessionId).changes
  })

  return {
    async createRecording(r, maxTakes) {
      return create.immediate(r, maxTakes)
    },
    async getRecording(sessionId, id) {
      const row = select.get(sessionId, id)
      return row ? recordOf(row) : null
    },
    async stopRecording(sessionId, id, at) {
      stop.run(at, sessionId, id)
    },
    async putAudioChunk(chunk, maxSessionBytes) {
      return put.immediate(chunk, maxSessionBytes)
    },
    async listRecordings(sessionId) {
      return list.all(sessionId, sessionId).map((row) => summarize(recordOf(row), aggregatesOf(row)))
    },
    async audioLevels(sessionId) {
      return levels.all(sessionId).map((c) => ({
        recordingId: c.recording_id,
        index: c.idx,
        durationMs: c.duration_ms,
        levels: c.levels,
      }))
    },
    async audioLayout(sessionId, recordingId) {
      return layout.all(sessionId, recordingId).map((c) => ({ index: c.idx, size: c.size }))
    },
    async audioChunkRange(sessionId, recordingId, from, to) {
      return range.all(sessionId, recordingId, from, to).map((c) => ({
        sessionId,
        recordingId,
        index: c.idx,
        at: c.at,
        durationMs: c.duration_ms,
        data: new Uint8Array(c.data.buffer, c.data.byteOffset, c.data.byteLength),
      }))
    },
    async audioChunks(sessionId, recordingId) {
      return chunks.all(sessionId, recordingId).map((c) => ({
        sessionId,
        recordingId,
        index: c.idx,
        at: c.at,
        durationMs: c.duration_ms,
        data: new Uint8Array(c.data.buffer, c.data.byteOffset, c.data.byteLength),
      }))
    },
    async deleteRecordings(sessionId) {
      return remove(sessionId)
    },
  }
}
