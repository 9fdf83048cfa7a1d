import { LEVEL_STEP_MS, levelDigit } from '@mockboard/shared'

import { analyserFor, rmsOfLast, samplesIn } from './loudness'

/**
 * The recorded microphone's loudness every 100 ms, as the digits uploaded with each chunk (shared
 * voice/talk.ts): the replay's talk lane and the report's talk time come from these, so the server
 * never decodes audio. `take()` hands over what was measured since the last call.
 */
export class LevelSampler {
  private readonly context = new AudioContext()
  private readonly source: MediaStreamAudioSourceNode
  private readonly analyser: AnalyserNode
  private readonly samples: Float32Array<ArrayBuffer>
  private readonly timer: ReturnType<typeof setInterval>
  private digits: string[] = []

  constructor(stream: MediaStream) {
    void this.context.resume().catch(() => {})
    this.source = this.context.createMediaStreamSource(stream)
    this.analyser = analyserFor(this.context, LEVEL_STEP_MS)
    this.source.connect(this.analyser)
    this.samples = new Float32Array(this.analyser.fftSize)
    this.timer = setInterval(() => this.measure(), LEVEL_STEP_MS)
  }

  /** The digits since the last call, at most `max` (the most recent). */
  take(max: number): string {
    const out = this.digits.slice(-max).join('')
    this.digits = []
    return out
  }

  close(): void {
    clearInterval(this.timer)
    this.source.disconnect()
    void this.context.close().catch(() => {})
  }

  private measure(): void {
    this.analyser.getFloatTimeDomainData(this.samples)
    // The whole step since the last look, not a sample of it: talk time counts every word.
    this.digits.push(levelDigit(rmsOfLast(this.samples, samplesIn(this.context.sampleRate, LEVEL_STEP_MS))))
  }
}
