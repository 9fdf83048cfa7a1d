import { analyserFor, loudestBlock, samplesIn } from './loudness'

/** RMS level (0–1) above which a voice counts as speaking; a quiet room sits near 0.005. */
const SPEAKING_LEVEL = 0.02
/** A voice stays "speaking" this long after its level drops: words have gaps. */
const HOLD_MS = 400
const EVERY_MS = 100
/** The stretch whose level is compared with SPEAKING_LEVEL: about a syllable's length. */
const BLOCK_MS = 10

interface Meter {
  source: MediaStreamAudioSourceNode
  analyser: AnalyserNode
  samples: Float32Array<ArrayBuffer>
  lastLoud: number
}

/**
 * Who is speaking, measured from the audio itself (the local microphone and each received stream):
 * nothing about it travels over the network, and a muted track reads as silence.
 */
export class SpeakingMeter {
  private context: AudioContext | null = null
  private readonly meters = new Map<string, Meter>()
  private speaking = new Set<string>()
  private timer: ReturnType<typeof setInterval> | null = null

  constructor(private readonly onChange: (speaking: ReadonlySet<string>) => void) {}

  watch(key: string, stream: MediaStream): void {
    this.unwatch(key)
    this.context ??= new AudioContext()
    // Created on a click (Join audio); some browsers still start it suspended.
    void this.context.resume().catch(() => {})
    const source = this.context.createMediaStreamSource(stream)
    const analyser = analyserFor(this.context, EVERY_MS)
    source.connect(analyser)
    this.meters.set(key, { source, analyser, samples: new Float32Array(analyser.fftSize), lastLoud: 0 })
    this.timer ??= setInterval(() => this.measure(), EVERY_MS)
  }

  unwatch(key: string): void {
    const meter = this.meters.get(key)
    if (!meter) return
    meter.source.disconnect()
    this.meters.delete(key)
    if (this.speaking.has(key)) this.publish(new Set([...this.speaking].filter((k) => k !== key)))
  }

  destroy(): void {
    for (const key of [...this.meters.keys()]) this.unwatch(key)
    if (this.timer) clearInterval(this.timer)
    this.timer = null
    void this.context?.close().catch(() => {})
    this.context = null
  }

  private measure(): void {
    const now = performance.now()
    const next = new Set<string>()
    const rate = this.context?.sampleRate ?? 48_000
    // A little more than the time since the last look: timers run late under load.
    const count = samplesIn(rate, EVERY_MS * 1.5)
    for (const [key, meter] of this.meters) {
      meter.analyser.getFloatTimeDomainData(meter.samples)
      if (loudestBlock(meter.samples, count, samplesIn(rate, BLOCK_MS)) > SPEAKING_LEVEL) meter.lastLoud = now
      if (now - meter.lastLoud < HOLD_MS) next.add(key)
    }
    if (next.size !== this.speaking.size || [...next].some((k) => !this.speaking.has(k))) this.publish(next)
  }

  private publish(next: Set<string>): void {
    this.speaking = next
    this.onChange(next)
  }
}
