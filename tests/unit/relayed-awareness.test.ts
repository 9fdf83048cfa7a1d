import type { Role } from '@mockboard/shared'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { describe, expect, it } from 'vitest'

import { relayedAwareness } from '../../server/src/sync/filterAwareness.js'

function encode(states: Array<[number, number, unknown]>): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, states.length)
  for (const [id, clock, state] of states) {
    encoding.writeVarUint(e, id)
    encoding.writeVarUint(e, clock)
    encoding.writeVarString(e, JSON.stringify(state))
  }
  return encoding.toUint8Array(e)
}

function ids(update: Uint8Array | null): number[] {
  if (!update) return []
  const d = decoding.createDecoder(update)
  const out: number[] = []
  for (let n = decoding.readVarUint(d); n > 0; n--) {
    out.push(decoding.readVarUint(d))
    decoding.readVarUint(d)
    decoding.readVarString(d)
  }
  return out
}

describe('presence relayed from another instance', () => {
  const owners = new Map<number, Role>([
    [7, 'interviewer'],
    [9, 'candidate'],
  ])
  const ownerOf = (id: number) => owners.get(id)

  it("drops a state under an id another role writes under here; keeps removals, the owner's and unclaimed ids", () => {
    const update = encode([
      [7, 5, { user: { name: 'Evil' }, role: 'candidate' }],
      [7, 6, null],
      [8, 1, { role: 'candidate' }],
      [9, 2, { role: 'candidate' }],
    ])
    expect(ids(relayedAwareness(update, ownerOf))).toEqual([7, 8, 9])
    const taken = relayedAwareness(update, ownerOf)!
    const d = decoding.createDecoder(taken)
    decoding.readVarUint(d)
    decoding.readVarUint(d)
    expect(decoding.readVarUint(d)).toBe(6) // the removal's clock: the forged state is gone
  })

  it('passes an update with nothing to drop as it came, and nothing when all is dropped', () => {
    const fine = encode([[7, 1, { role: 'interviewer' }]])
    expect(relayedAwareness(fine, ownerOf)).toBe(fine)
    expect(relayedAwareness(encode([[9, 1, { role: 'interviewer' }]]), ownerOf)).toBeNull()
  })
})
