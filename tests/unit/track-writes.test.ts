import { describe, expect, it } from 'vitest'

import type { Storage } from '../../server/src/storage/Storage.js'
import { StorageHealth } from '../../server/src/storage/StorageHealth.js'
import { trackWrites } from '../../server/src/storage/trackWrites.js'

/** A store whose appendUpdate does what `behaviour` says; its other writes do nothing. */
function storeThat(behaviour: 'stores' | 'rejects' | 'throws'): Storage {
  const failure = new Error('disk full')
  const appendUpdate = (): Promise<{ seq: number; at: number }> => {
    if (behaviour === 'throws') throw failure
    return behaviour === 'stores' ? Promise.resolve({ seq: 7, at: 1 }) : Promise.reject(failure)
  }
  const nothing = () => Promise.resolve()
  return new Proxy({} as Storage, {
    get: (_target, name) => (name === 'appendUpdate' ? appendUpdate : nothing),
  })
}

describe('trackWrites', () => {
  it('passes a write through and counts it as a success', async () => {
    const health = new StorageHealth()
    const tracked = trackWrites(storeThat('stores'), health)
    await expect(tracked.appendUpdate('s', 'board', new Uint8Array(1), 1)).resolves.toEqual({ seq: 7, at: 1 })
    expect(health.lastFailure).toBeNull()
  })

  it('reports a write that rejects, or throws before its promise, and rejects with the same error', async () => {
    for (const behaviour of ['rejects', 'throws'] as const) {
      const health = new StorageHealth()
      const tracked = trackWrites(storeThat(behaviour), health)
      const pending = tracked.appendUpdate('s', 'board', new Uint8Array(1), 1)
      await expect(pending, behaviour).rejects.toThrow('disk full')
      expect(health.lastFailure?.message, behaviour).toBe('disk full')
    }
  })
})
