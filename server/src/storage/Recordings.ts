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
  createRecording(record: RecordingRecord): Promise<void>
  getRecording(sessionId: string, id: string): Promise<RecordingRecord | null>
  stopRecording(sessionId: string, id: string, at: number): Promise<void>
  /**
   * Stores a chunk unless its index is already stored (a retried upload: 'duplicate') or the
   * session's audio would pass `maxSessionBytes` ('full'); checked and written atomically.
   */
  putAudioChunk(chunk: AudioChunk, maxSessionBytes: number): Promise<'stored' | 'duplicate' | 'full'>
  listRecordings(sessionId: string): Promise<RecordingSummary[]>
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
