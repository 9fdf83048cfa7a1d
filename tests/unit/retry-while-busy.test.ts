import { afterEach, describe, expect, it, vi } from 'vitest'

import { ApiError } from '../../client/src/api/ApiError'
import { retryWhileBusy } from '../../client/src/api/retryWhileBusy'

describe('retryWhileBusy', () => {
  afterEach(() => vi.useRealTimers())

  it('asks again after 1 s, 2 s… while the server is busy (503, 429), then settles', async () => {
    vi.useFakeTimers()
    const answers = [new ApiError(503, 'busy'), new ApiError(429, 'slow down'), 'events']
    const read = vi.fn(async () => {
      const next = answers.shift()
      if (next instanceof Error) throw next
      return next
    })
    const result = retryWhileBusy(read, () => false)
    await vi.advanceTimersByTimeAsync(999)
    expect(read).toHaveBeenCalledTimes(1)
    await vi.advanceTimersByTimeAsync(1)
    expect(read).toHaveBeenCalledTimes(2)
    await vi.advanceTimersByTimeAsync(2000)
    await expect(result).resolves.toBe('events')
    expect(read).toHaveBeenCalledTimes(3)
  })

  it('gives up at once on a refusal, after `attempts` when busy, and when cancelled', async () => {
    await expect(
      retryWhileBusy(
        () => Promise.reject(new ApiError(403, 'no')),
        () => false,
      ),
    ).rejects.toThrow('no')
    vi.useFakeTimers()
    const busy = vi.fn(() => Promise.reject(new ApiError(503, 'busy')))
    const gaveUp = expect(retryWhileBusy(busy, () => false, 3)).rejects.toThrow('busy')
    await vi.advanceTimersByTimeAsync(10_000)
    await gaveUp
    expect(busy).toHaveBeenCalledTimes(3)
    let cancelled = false
    const stopped = vi.fn(() => Promise.reject(new ApiError(503, 'busy')))
    const off = expect(retryWhileBusy(stopped, () => cancelled)).rejects.toThrow('busy')
    cancelled = true
    await vi.advanceTimersByTimeAsync(10_000)
    await off
    expect(stopped).toHaveBeenCalledTimes(1)
  })
})
