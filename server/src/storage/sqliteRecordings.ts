import type { Role } from '@mockboard/shared'
import type Database from 'better-sqlite3'

import { type RecordingRecord, type RecordingStorage, summarize } from './Recordings.js'

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
    'INSERT OR IGNORE INTO audio_chunks (session_id, recording_id, idx, at, duration_ms, size, data) VALUES (?, ?, ?, ?, ?, ?, ?)',
  )
  const exists = db
    .prepare<[string, string, number], number>(
      'SELECT 1 FROM audio_chunks WHERE session_id = ? AND recording_id = ? AND idx = ?',
    )
    .pluck()
  const list = db.prepare<[string], RecordingRow>(
    'SELECT * FROM recordings WHERE session_id = ? ORDER BY consented_at, id',
  )
  const aggregate = db.prepare<
    [string, string],
    {
      first_at: number | null
      first_duration: number | null
      duration: number
      bytes: number
      chunks: number
    }
  >(`SELECT
      (SELECT at FROM audio_chunks WHERE session_id = c.session_id AND recording_id = c.recording_id ORDER BY idx LIMIT 1) AS first_at,
      (SELECT duration_ms FROM audio_chunks WHERE session_id = c.session_id AND recording_id = c.recording_id ORDER BY idx LIMIT 1) AS first_duration,
      coalesce(sum(duration_ms), 0) AS duration, coalesce(sum(size), 0) AS bytes, count(*) AS chunks
    FROM audio_chunks c WHERE session_id = ? AND recording_id = ?`)
  const chunks = db.prepare<[string, string], { idx: number; at: number; duration_ms: number; data: Buffer }>(
    'SELECT idx, at, duration_ms, data FROM audio_chunks WHERE session_id = ? AND recording_id = ? ORDER BY idx',
  )
  const deleteChunks = db.prepare('DELETE FROM audio_chunks WHERE session_id = ?')
  const deleteRecordings = db.prepare('DELETE FROM recordings WHERE session_id = ?')

  // One transaction: the sum and the insert cannot be raced past the cap.
  const put = db.transaction(
    (c: Parameters<RecordingStorage['putAudioChunk']>[0], max: number): 'stored' | 'duplicate' | 'full' => {
      if (exists.get(c.sessionId, c.recordingId, c.index)) return 'duplicate'
      if (total.get(c.sessionId)! + c.data.byteLength > max) return 'full'
      insertChunk.run(c.sessionId, c.recordingId, c.index, c.at, c.durationMs, c.data.byteLength, c.data)
      return 'stored'
    },
  )
  const remove = db.transaction((sessionId: string) => {
    deleteChunks.run(sessionId)
    return deleteRecordings.run(sessionId).changes
  })

  return {
    async createRecording(r) {
      insert.run(r.sessionId, r.id, r.participant, r.role, r.mime, r.consentedAt, r.stoppedAt)
    },
    async getRecording(sessionId, id) {
      const row = select.get(sessionId, id)
      return row ? recordOf(row) : null
    },
    async stopRecording(sessionId, id, at) {
      stop.run(at, sessionId, id)
    },
    async putAudioChunk(chunk, maxSessionBytes) {
      return put(chunk, maxSessionBytes)
    },
    async listRecordings(sessionId) {
      return list.all(sessionId).map((row) => {
        const a = aggregate.get(sessionId, row.id)!
        return summarize(recordOf(row), {
          firstAt: a.first_at,
          firstDuration: a.first_duration,
          durationMs: a.duration,
          bytes: a.bytes,
          chunks: a.chunks,
        })
      })
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
