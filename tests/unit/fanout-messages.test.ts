import { describe, expect, it } from 'vitest'

import { decodeFanout, encodeFanout } from '../../server/src/fanout/messages.js'

const update = new Uint8Array([1, 2, 3])

describe('fan-out messages between instances', () => {
  it("carry an update's role and writers, and decode one from an older build (neither) without them", () => {
    const full = {
      type: 'update',
      origin: 'i1',
      seq: 7,
      update,
      role: 'candidate',
      writers: [9, 2 ** 32 - 1],
    } as const
    expect(decodeFanout(encodeFanout({ ...full, writers: [...full.writers] }))).toEqual(full)
    // The server's own change: no role, nothing to claim.
    const older = encodeFanout({ type: 'update', origin: 'i1', seq: 7, update })
    expect(decodeFanout(older)).toEqual({ type: 'update', origin: 'i1', seq: 7, update })
    // A build that wrote the role alone.
    const roleOnly = new Uint8Array([...older, 9, ...new TextEncoder().encode('candidate')])
    expect(decodeFanout(roleOnly)).toEqual({ ...full, writers: [] })
    // Only a known role is believed, and its writers with it.
    const unknown = new Uint8Array([...older, 4, ...new TextEncoder().encode('root'), 1, 9])
    expect(decodeFanout(unknown)).toEqual({ type: 'update', origin: 'i1', seq: 7, update })
  })
})
