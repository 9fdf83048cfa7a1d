import { describe, expect, it } from 'vitest'

import { decodeFanout, encodeFanout } from '../../server/src/fanout/messages.js'

const update = new Uint8Array([1, 2, 3])

describe('fan-out messages between instances', () => {
  it("carry an update's role, and decode one from an older build (no role) without it", () => {
    const withRole = encodeFanout({ type: 'update', origin: 'i1', seq: 7, update, role: 'candidate' })
    expect(decodeFanout(withRole)).toEqual({
      type: 'update',
      origin: 'i1',
      seq: 7,
      update,
      role: 'candidate',
    })
    // An older build wrote no role: the bytes end after the update.
    const older = encodeFanout({ type: 'update', origin: 'i1', seq: 7, update })
    expect(older.byteLength).toBe(withRole.byteLength - 'candidate'.length - 1)
    expect(decodeFanout(older)).toEqual({ type: 'update', origin: 'i1', seq: 7, update })
    // Only a known role is believed.
    const unknown = new Uint8Array([...older, 4, ...new TextEncoder().encode('root')])
    expect(decodeFanout(unknown)).toEqual({ type: 'update', origin: 'i1', seq: 7, update })
  })
})
