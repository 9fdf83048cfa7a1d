import { describe, expect, it } from 'vitest'

import { clockJumped, estimateOffset } from '../../client/src/clock/estimateOffset.js'
import { MAX_TICK_MS, nextTickDelay } from '../../client/src/timer/tickDelay.js'

describe('clock offset estimation', () => {
  it('uses the midpoint of the round trip', () => {
    // Local clock 7 minutes ahead of the server: offset is −7 min.
    const local = 1_000_000 + 7 * 60_000
    expect(estimateOffset([{ t0: local, server: 1_000_010, t1: local + 20 }])).toEqual({
      offsetMs: -420_000,
      rttMs: 20,
    })
  })

  it('keeps the sample with the smallest round trip', () => {
    const samples = [
      { t0: 0, server: 600, t1: 400 }, // slow: midpoint 200 → offset 400
      { t0: 1000, server: 1405, t1: 1010 }, // fast: midpoint 1005 → offset 400
      { t0: 2000, server: 2900, t1: 2300 },
    ]
    expect(estimateOffset(samples)).toEqual({ offsetMs: 400, rttMs: 10 })
  })

  it('ignores impossible samples and returns null without any', () => {
    expect(estimateOffset([])).toBeNull()
    expect(estimateOffset([{ t0: 10, server: 5, t1: 5 }])).toBeNull()
    expect(estimateOffset([{ t0: 0, server: Number.NaN, t1: 5 }])).toBeNull()
  })

  it('detects a wall-clock jump against monotonic time', () => {
    expect(clockJumped(60_000, 60_010)).toBe(false)
    expect(clockJumped(60_000 + 7 * 60_000, 60_000)).toBe(true)
    expect(clockJumped(1_000, 2_000)).toBe(true)
  })
})

describe('timer tick scheduling', () => {
  it('aims at the next display change, at most a quarter second away', () => {
    expect(nextTickDelay(10_040)).toBe(41) // 10:04.0 → shows 0:10 until 10_000 is crossed
    expect(nextTickDelay(9_999)).toBe(MAX_TICK_MS)
    expect(nextTickDelay(10_000)).toBe(1)
  })

  it('counts up in overtime', () => {
    expect(nextTickDelay(-900)).toBe(101) // +0:00 until 1000 ms over
    expect(nextTickDelay(-100)).toBe(MAX_TICK_MS)
  })
})
