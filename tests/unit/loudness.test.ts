import { describe, expect, it } from 'vitest'

import { analyserFor, loudestBlock, rmsOfLast, samplesIn } from '../../client/src/voice/loudness'

const RATE = 44_100

/** `ms` of silence with a 400 Hz tone of `amplitude` for `burstMs` starting at `atMs`. */
function audio(ms: number, atMs: number, burstMs: number, amplitude: number): Float32Array {
  const out = new Float32Array(samplesIn(RATE, ms))
  const from = samplesIn(RATE, atMs)
  const to = from + samplesIn(RATE, burstMs)
  for (let i = from; i < to; i++) out[i] = amplitude * Math.sin((2 * Math.PI * 400 * i) / RATE)
  return out
}

describe('loudness of what an analyser holds', () => {
  it('sizes the window to hold everything between two looks', () => {
    const analyser = { fftSize: 2048 }
    const context = { sampleRate: RATE, createAnalyser: () => analyser } as unknown as BaseAudioContext
    expect(analyserFor(context, 100).fftSize).toBe(8192)
    expect(analyserFor({ ...context, sampleRate: 48_000 }, 100).fftSize).toBeGreaterThanOrEqual(4800)
    expect(analyserFor(context, 10_000).fftSize).toBe(32768)
  })

  it('hears a 20 ms beep anywhere in the last 100 ms at its own level', () => {
    for (const at of [0, 13, 41, 79]) {
      const window = audio(100, at, 20, 0.3)
      expect(loudestBlock(window, window.length, samplesIn(RATE, 10))).toBeGreaterThan(0.15)
      // The old meter's look, the last 512 samples, heard nothing of a beep that ended earlier.
      if (at + 20 < 100 - (512 / RATE) * 1000) expect(rmsOfLast(window, 512)).toBe(0)
    }
    expect(loudestBlock(new Float32Array(8192), 4410, 441)).toBe(0)
  })

  it('averages the whole last step for talk time, and ignores what came before it', () => {
    const window = audio(200, 20, 50, 0.5)
    // The tone lies before the last 100 ms: silent.
    expect(rmsOfLast(window, samplesIn(RATE, 100))).toBe(0)
    // Over the last 190 ms, 50 ms of a sine of 0.5 (RMS 0.354) give 0.354 · √(50/190).
    expect(rmsOfLast(window, samplesIn(RATE, 190))).toBeCloseTo(0.354 * Math.sqrt(50 / 190), 2)
    expect(rmsOfLast(window, 10 * window.length)).toBeCloseTo(0.354 * Math.sqrt(50 / 200), 2)
  })
})
