/** The largest analyser window the Web Audio API allows. */
const MAX_FFT = 32768

/**
 * An analyser whose window holds at least `everyMs` of audio, so a reader looking every `everyMs`
 * sees all of it. A 512-sample window read every 100 ms saw a ninth of the sound: a short word, or
 * the fake microphone's 20 ms beep, fell between two looks most of the time.
 */
export function analyserFor(context: BaseAudioContext, everyMs: number): AnalyserNode {
  const analyser = context.createAnalyser()
  const wanted = (context.sampleRate * everyMs) / 1000
  analyser.fftSize = Math.min(MAX_FFT, 2 ** Math.ceil(Math.log2(Math.max(32, wanted))))
  return analyser
}

/** How many samples `ms` of audio is at `sampleRate`. */
export const samplesIn = (sampleRate: number, ms: number) => Math.round((sampleRate * ms) / 1000)

/** Root mean square of the last `count` samples of `samples` (all of them when it holds fewer). */
export function rmsOfLast(samples: Float32Array, count: number): number {
  const from = Math.max(0, samples.length - count)
  if (from >= samples.length) return 0
  let sum = 0
  for (let i = from; i < samples.length; i++) sum += samples[i]! * samples[i]!
  return Math.sqrt(sum / (samples.length - from))
}

/**
 * The loudest `block`-sample stretch among the last `count` samples, as RMS: a 20 ms word in a
 * 100 ms look counts at its own level, not diluted by the silence around it.
 */
export function loudestBlock(samples: Float32Array, count: number, block: number): number {
  const from = Math.max(0, samples.length - count)
  let loudest = 0
  for (let start = from; start < samples.length; start += block) {
    const end = Math.min(samples.length, start + block)
    let sum = 0
    for (let i = start; i < end; i++) sum += samples[i]! * samples[i]!
    loudest = Math.max(loudest, Math.sqrt(sum / (end - start)))
  }
  return loudest
}
