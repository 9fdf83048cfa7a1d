import { describe, expect, it } from 'vitest'

import { parseOptions } from '../bench/options'
import { formatText, medianRatios, ratios } from '../bench/report'
import type { LoadResult } from '../bench/runLoad'

const threadCpu = (mainUs: number, writerUs: number): Record<string, number> => ({
  main: mainUs,
  'mb-log-writer': writerUs,
  node: 7,
})

const result = (target: string, round: number, cpuUs: number, mainUs: number, p99: number): LoadResult =>
  ({
    target,
    round,
    p50Ms: 1,
    p99Ms: p99,
    p999Ms: p99,
    maxMs: p99,
    deliveredPerSecond: 2000,
    serverCpu: (cpuUs * 2000) / 1e6,
    serverCpuPerDeliveryUs: cpuUs,
    mainThreadCpu: (mainUs * 2000) / 1e6,
    mainThreadCpuPerDeliveryUs: mainUs,
    threadCpuPerDeliveryUs: threadCpu(mainUs, (cpuUs - mainUs) / 2),
    rssPeakWindowBytes: 1,
    rssEndBytes: 1,
    lossPercent: 0,
    loadGenCpu: 0.5,
    otherCpu: 0,
  }) as LoadResult

describe('sync bench rounds', () => {
  it('reads --rounds (1 unless asked)', () => {
    expect(parseOptions([], {}).rounds).toBe(1)
    expect(parseOptions(['--rounds=3'], {}).rounds).toBe(3)
    expect(parseOptions([], { BENCH_ROUNDS: '4' }).rounds).toBe(4)
  })

  it('compares ours with each reference within a round, and gives the median of the rounds', () => {
    const results = [
      result('mockboard', 0, 300, 240, 50),
      result('y-websocket-server', 0, 200, 180, 40),
      result('mockboard', 1, 330, 250, 90),
      result('y-websocket-server', 1, 150, 125, 30),
      result('mockboard', 2, 280, 230, 60),
      result('y-websocket-server', 2, 200, 200, 100),
    ]
    expect(ratios(results).map((r) => [r.reference, r.cpuPerDelivery])).toEqual([
      ['y-websocket-server #1', '1.50×'],
      ['y-websocket-server #2', '2.20×'],
      ['y-websocket-server #3', '1.40×'],
    ])
    const [median] = medianRatios(results)
    expect(median?.rounds).toBe(3)
    expect(median?.cpuPerDelivery).toBeCloseTo(1.5)
    expect(median?.mainThreadPerDelivery).toBeCloseTo(1.333, 3) // 1.33, 2.0, 1.15
    expect(median?.p99).toBeCloseTo(1.25) // 1.25, 3.0, 0.6
    const text = formatText(results, null)
    expect(text).toContain('median of rounds')
    // The log writer's thread has a column of its own: (300 - 240) / 2 in round 1.
    expect(text).toContain('log threads µs')
    expect(text.split('\n').find((line) => line.startsWith('mockboard #1'))).toMatch(/ 240\.0 +30\.0 /)
    // One round: no median table.
    expect(medianRatios(results.slice(0, 2))).toEqual([])
  })
})
