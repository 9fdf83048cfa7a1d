import { LEVEL_STEP_MS } from '@mockboard/shared'

import { ApiError } from '../api/ApiError'
import type { createVoiceApi } from '../api/voiceApi'
import { LevelSampler } from './LevelSampler'

/** Chunk length: a dropped connection loses at most about this much audio. */
const TIMESLICE_MS = 3000
const UPLOAD_TRIES = 3

type VoiceApi = ReturnType<typeof createVoiceApi>

/** The Opus container this browser records: WebM (Chromium, Firefox) or Ogg. */
export function recordingMime(): string | null {
  if (typeof MediaRecorder === 'undefined') return null
  return (
    ['audio/webm;codecs=opus', 'audio/ogg;codecs=opus'].find((m) => MediaRecorder.isTypeSupported(m)) ?? null
  )
}

/**
 * Records this browser's own microphone, after its participant agreed, and uploads each chunk as
 * it comes (index order, retried a few times; the server keeps chunks by index, stamped with its time).
 */
export class Recorder {
  private recorder: MediaRecorder | null = null
  private index = 0
  private last = 0
  private uploads: Promise<void> = Promise.resolve()
  private levels: LevelSampler | null = null

  constructor(
    private readonly api: VoiceApi,
    private readonly onStopped: (reason: string | null) => void,
  ) {}

  get recording(): boolean {
    return this.recorder !== null
  }

  async start(stream: MediaStream, participant: string): Promise<void> {
    const mime = recordingMime()
    if (!mime) throw new Error('This browser cannot record audio (no Opus MediaRecorder).')
    const id = await this.api.agreeToRecord(participant, mime)
    const recorder = new MediaRecorder(stream, { mimeType: mime, audioBitsPerSecond: 32_000 })
    this.recorder = recorder
    const levels = new LevelSampler(stream)
    this.levels = levels
    this.last = performance.now()
    recorder.ondataavailable = (e) => {
      if (e.data.size === 0) return
      const now = performance.now()
      const index = this.index++
      const duration = Math.min(60_000, now - this.last)
      this.last = now
      // One digit per 100 ms of this chunk (the server refuses more).
      const measured = levels.take(Math.ceil(duration / LEVEL_STEP_MS))
      this.uploads = this.uploads.then(() => this.upload(id, index, duration, e.data, measured))
    }
    recorder.onstop = () => {
      levels.close()
      void this.uploads.then(() => this.api.stopRecording(id).catch(() => {}))
    }
    recorder.start(TIMESLICE_MS)
  }

  stop(reason: string | null = null): void {
    const recorder = this.recorder
    if (!recorder) return
    this.recorder = null
    if (recorder.state !== 'inactive') recorder.stop()
    this.onStopped(reason)
  }

  private async upload(
    id: string,
    index: number,
    duration: number,
    chunk: Blob,
    levels: string,
  ): Promise<void> {
    for (let attempt = 1; attempt <= UPLOAD_TRIES; attempt++) {
      try {
        await this.api.uploadChunk(id, index, duration, chunk, levels)
        return
      } catch (err) {
        if (err instanceof ApiError && err.status === 413)
          return this.stop('The session reached its recording limit: recording stopped.')
        if (err instanceof ApiError && err.status >= 400 && err.status < 500) return this.stop(err.message)
        if (attempt === UPLOAD_TRIES) return
      }
    }
  }
}
