import {
  computeEstimates,
  EMPTY_ESTIMATES,
  estimateInputsProblem,
  formatEstimate,
  readBoardEstimates,
  readEstimateInputs,
  writeBoardEstimates,
} from '@mockboard/shared'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'

const line = (inputs: Parameters<typeof computeEstimates>[0], id: string) =>
  computeEstimates(inputs).lines.find((l) => l.id === id)!

describe('capacity estimates', () => {
  const chat = {
    dailyActiveUsers: 50e6,
    requestsPerUserPerDay: 40,
    readWriteRatio: 4,
    objectSizeKb: 1,
    retentionYears: 5,
  }

  it('computes QPS, peak writes, storage, bandwidth and cache size with the arithmetic shown', () => {
    // 50 M × 40 = 2 B req/day ÷ 86,400 s = 23,148 req/s; peak ×2 = 46,296; writes ÷5 = 9,259/s.
    expect(line(chat, 'avgQps').value).toBeCloseTo(23_148.15, 1)
    expect(line(chat, 'avgQps').formula).toBe('50 M users × 40 req ÷ 86,400 s')
    expect(line(chat, 'peakQps').value).toBeCloseTo(46_296.3, 1)
    expect(line(chat, 'peakWriteQps').value).toBeCloseTo(9_259.26, 1)
    // 4,629.6 writes/s × 86,400 × 365 × 1,000 B = 146 TB a year; × 5 years = 730 TB.
    expect(line(chat, 'storagePerYear').value).toBeCloseTo(146e12, -10)
    expect(formatEstimate(line(chat, 'storagePerYear'))).toBe('146 TB')
    expect(formatEstimate(line(chat, 'storageTotal'))).toBe('730 TB')
    expect(formatEstimate(line(chat, 'bandwidth'))).toBe('23.1 MB/s')
    // Reads: 23,148 × 4/5 × 86,400 = 1.6 B/day × 1 kB × 0.2 = 320 GB.
    expect(formatEstimate(line(chat, 'cacheSize'))).toBe('320 GB')
    expect(line(chat, 'cacheSize').formula).toMatch(/80\/20/)
  })

  it('leaves a figure empty, naming what it needs, until its inputs are given', () => {
    const partial = { ...EMPTY_ESTIMATES, dailyActiveUsers: 1e6, requestsPerUserPerDay: 10 }
    expect(line(partial, 'avgQps').value).not.toBeNull()
    expect(line(partial, 'storagePerYear').value).toBeNull()
    expect(line(partial, 'storagePerYear').formula).toMatch(/object size/)
    expect(formatEstimate(line(partial, 'cacheSize'))).toBe('—')
  })

  it('refuses unknown fields, negative, non-finite and absurd values; reads them as not given', () => {
    expect(estimateInputsProblem(chat)).toBeNull()
    expect(estimateInputsProblem({ dailyActiveUsers: null })).toBeNull()
    expect(estimateInputsProblem('x')).toMatch(/object/)
    expect(estimateInputsProblem({ users: 3 })).toMatch(/estimates.users/)
    expect(estimateInputsProblem({ retentionYears: -1 })).toMatch(/estimates.retentionYears/)
    expect(estimateInputsProblem({ dailyActiveUsers: 1e300 })).toMatch(/estimates.dailyActiveUsers/)
    expect(estimateInputsProblem({ objectSizeKb: '5' })).toMatch(/estimates.objectSizeKb/)
    expect(readEstimateInputs({ retentionYears: -1, objectSizeKb: 2 })).toEqual({
      ...EMPTY_ESTIMATES,
      objectSizeKb: 2,
    })
  })

  it('lives in the board doc: a write merges into what is stored and syncs to another doc', () => {
    const a = new Y.Doc()
    const b = new Y.Doc()
    writeBoardEstimates(a, { dailyActiveUsers: 10 })
    writeBoardEstimates(a, { retentionYears: 3 })
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    expect(readBoardEstimates(b)).toEqual({ ...EMPTY_ESTIMATES, dailyActiveUsers: 10, retentionYears: 3 })
  })
})
