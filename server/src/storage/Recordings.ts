import type { Role } from '@mockboard/shared'

/** One take of one participant's microphone, recorded with their consent (see routes/recordings.ts). */
export interface RecordingRecord {
  /** Random, chosen by the server when the participant agreed. */
  id: string
  sessionId: string
  /** The name the participant gave. */
  participant: string
  /** From the verified token, never from the request body. */
  role: Role
  mime: string
  /** When the participant agreed (server time): nothing of theirs is stored without this. */
  consentedAt: number
  /** When they stopped it (server time); null while it records. */
  stoppedAt: number | null
}

/** A chunk of a take: MediaRecorder output in order of `index`, stamped with the server's time. */
export interface AudioChunk {
  sessionId: string
  recordingId: string
  index: number
  /** Server time the chunk arrived (epoch ms): its end, give or take the upload. */
  at: number
  /** How much audio it holds, as the recorder measured it. */
  durationMs: number
  data: Uint8Array
  /** Loudness every 100 ms as digits (shared voice/talk.ts); '' when the browser sent none. */
  levels?: string
}

/** What `GET /api/sessions/:id/recordings` lists about a take. */
export interface RecordingSummary extends RecordingRecord {
  /** Server time the first chunk's audio began (its arrival minus its duration). */
  startedAt: number | null
  durationMs: number
  bytes: number
  chunks: number
}

/** Recording storage, part of `Storage`: every table keyed by session id, so deleting a session takes it along. */
export interface RecordingStorage {
  /**
   * Creates a take unless the session already has `maxTakes` ('full'); counted and written
   * atomically, so racing agreements cannot pass the cap.
   */
  createRecording(record: RecordingRecord, maxTakes: number): Promise<'created' | 'full'>
  getRecording(sessionId: string, id: string): Promise<RecordingRecord | null>
  stopRecording(sessionId: string, id: string, at: number): Promise<void>
  /**
   * Stores a chunk unless its index is already stored (a retried upload: 'duplicate') or the
   * session's audio would pass `maxSessionBytes` ('full'); checked and written atomically.
   */
  putAudioChunk(chunk: AudioChunk, maxSessionBytes: number): Promise<'stored' | 'duplicate' | 'full'>
  /** Every take of the session with its chunks' aggregates, in one query. */
  listRecordings(sessionId: string): Promise<RecordingSummary[]>
  /** A take's chunk indexes and sizes in index order, without their bytes: where a byte range falls. */
  audioLayout(sessionId: string, recordingId: string): Promise<{ index: number; size: number }[]>
  /** The chunks of a take with `from <= index <= to`, in index order: a ranged read fetches only these. */
  audioChunkRange(sessionId: string, recordingId: string, from: number, to: number): Promise<AudioChunk[]>
  /** Every chunk's duration and levels, no audio: talk activity for the list and the report. */
  audioLevels(
    sessionId: string,
  ): Promise<{ recordingId: string; index: number; durationMs: number; levels: string }[]>
  /** A take's chunks in index order (gaps left where a chunk never arrived). */
  audioChunks(sessionId: string, recordingId: string): Promise<AudioChunk[]>
  /** Deletes every take and chunk of the session; returns how many takes there were. */
  deleteRecordings(sessionId: string): Promise<number>
}

/** Summary of a take from its row and its chunks' aggregates. */
export function summarize(
  record: RecordingRecord,
  agg: {
    firstAt: number | null
    firstDuration: number | null
    durationMs: number
    bytes: number
    chunks: number
  },
): RecordingSummary {
  const startedAt = agg.firstAt === null ? null : agg.firstAt - (agg.firstDuration ?? 0)
  return { ...record, startedAt, durationMs: agg.durationMs, bytes: agg.bytes, chunks: agg.chunks }
}

/** The aggregate columns both backends' list query returns beside a take's row. */
export interface Aggregates {
  first_at: number | string | null
  first_duration: number | null
  duration: number | string
  bytes: number | string
  chunks: number | string
}

export const aggregatesOf = (row: Aggregates) => ({
  firstAt: row.first_at === null ? null : Number(row.first_at),
  firstDuration: row.first_duration,
  durationMs: Number(row.duration),
  bytes: Number(row.bytes),
  chunks: Number(row.chunks),
})
