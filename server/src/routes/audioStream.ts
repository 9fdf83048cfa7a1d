import { Readable } from 'node:stream'

import type { RecordingStorage } from '../storage/Recordings.js'
import type { ReadGate } from './ReadGate.js'

/** Chunks fetched per storage read: a few seconds of Opus each, so a batch is a few hundred kB. */
const BATCH_BYTES = 512 * 1024

/**
 * Bytes `start..end` (inclusive) of a take whose chunks have the sizes of `layout`, read from
 * storage only where the range falls and a batch at a time as the client takes them: a seek into
 * a 100 MiB take reads a few chunks, not the take, and never holds it whole on the event loop.
 * Each batch waits its turn at the read gate with every other replay read.
 */
export function audioStream(
  storage: Pick<RecordingStorage, 'audioChunkRange'>,
  gate: ReadGate,
  take: { sessionId: string; recordingId: string },
  layout: { index: number; size: number }[],
  start: number,
  end: number,
): Readable {
  async function* bytes() {
    let offset = 0
    let i = 0
    // Skip the chunks wholly before the range.
    while (i < layout.length && offset + layout[i]!.size <= start) offset += layout[i++]!.size
    while (i < layout.length && offset <= end) {
      let j = i
      let batch = 0
      let batchEnd = offset
      while (j < layout.length && batchEnd <= end && (j === i || batch + layout[j]!.size <= BATCH_BYTES)) {
        batch += layout[j]!.size
        batchEnd += layout[j]!.size
        j++
      }
      const first = layout[i]!.index
      const last = layout[j - 1]!.index
      const chunks = await gate.run(() =>
        storage.audioChunkRange(take.sessionId, take.recordingId, first, last),
      )
      for (const chunk of chunks) {
        const from = Math.max(0, start - offset)
        const to = Math.min(chunk.data.byteLength, end + 1 - offset)
        if (to > from) yield Buffer.from(chunk.data.buffer, chunk.data.byteOffset + from, to - from)
        offset += chunk.data.byteLength
      }
      i = j
    }
  }
  return Readable.from(bytes(), { objectMode: false })
}
