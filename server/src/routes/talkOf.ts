import { LEVEL_STEP_MS, type TalkSpan, talkSpans } from '@mockboard/shared'

import type { RecordingStorage, RecordingSummary } from '../storage/Recordings.js'

/** Levels a chunk of `durationMs` may carry: one per 100 ms, and a few more for the recorder's jitter. */
export const maxLevels = (durationMs: number) => Math.ceil(durationMs / LEVEL_STEP_MS) + 10

/** Each take's talk spans (server time), from the levels stored with its chunks: one query for the session. */
export async function talkOf(
  storage: Pick<RecordingStorage, 'audioLevels'>,
  sessionId: string,
  takes: RecordingSummary[],
): Promise<Map<string, TalkSpan[]>> {
  const chunks = new Map<string, { durationMs: number; levels: string }[]>()
  for (const c of await storage.audioLevels(sessionId)) {
    const list = chunks.get(c.recordingId) ?? []
    list.push(c)
    chunks.set(c.recordingId, list)
  }
  return new Map(
    takes.map((t) => [t.id, t.startedAt === null ? [] : talkSpans(t.startedAt, chunks.get(t.id) ?? [])]),
  )
}
