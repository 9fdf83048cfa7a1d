import type { Role } from '@mockboard/shared'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'

import { UpdateGate } from '../../server/src/sync/UpdateGate.js'
import { encodeStructs } from '../helpers/encodeStructs.js'
import { outOfOrderEdit } from '../helpers/outOfOrderEdit.js'

const LIMITS = { maxDocBytes: 1e9, maxPendingBytes: 64 * 1024, maxUpdateStructs: 1e6, maxTypeDepth: 64 }

describe('client-id claims', () => {
  it('give way to the roles storage recorded, and name the claims overruled', () => {
    const doc = new Y.Doc()
    const owners = new Map<number, Role>()
    const gate = new UpdateGate('board', LIMITS, null, null, owners, () => false)
    gate.claim(doc, new Set([7, 8]), 'candidate')
    const recorded = new Map<number, Role>([
      [7, 'interviewer'], // claimed here while the interviewer's first structs were missing
      [8, 'candidate'],
      [9, 'interviewer'], // not claimed here yet
    ])
    expect(gate.restore(recorded)).toEqual([7])
    expect([7, 8, 9].map((id) => gate.ownerOf(id))).toEqual(['interviewer', 'candidate', 'interviewer'])
    expect(gate.restore(recorded)).toEqual([])
  })

  it("give way to a relayed update's writers too, which are not counted as recorded here", () => {
    const doc = new Y.Doc()
    const gate = new UpdateGate('board', LIMITS, null, null, new Map<number, Role>(), () => false)
    gate.claim(doc, new Set([7]), 'candidate')
    expect(gate.overrule(doc, [7, 8], 'interviewer')).toEqual([7])
    expect([7, 8].map((id) => gate.ownerOf(id))).toEqual(['interviewer', 'interviewer'])
    // Structs under 8 land here later: its role is still to be recorded (it may only have waited there).
    const author = new Y.Doc()
    author.clientID = 8
    author.getArray('a').push([1])
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(author))
    expect(gate.toRecord(doc, [8])).toEqual([8])
  })

  it("stay bounded by what holds something: ids announced and dropped go, but not another role's", () => {
    const doc = new Y.Doc()
    // Ids with structs in the doc, and ids a connected client announces now, are kept for good.
    const writers = Array.from({ length: 300 }, (_, i) => {
      const author = new Y.Doc()
      author.clientID = 1_000_000 + i
      author.getArray('a').push([i])
      Y.applyUpdate(doc, Y.encodeStateAsUpdate(author))
      return author.clientID
    })
    const live = new Set([42, 43])
    // The interviewer's tab announced itself and left before its first edit: its id holds nothing now.
    const away = 77
    const owners = new Map<number, Role>()
    const gate = new UpdateGate('board', LIMITS, null, null, owners, (id) => live.has(id))
    gate.claim(doc, new Set(writers), 'interviewer')
    gate.claim(doc, live, 'candidate')
    gate.claim(doc, new Set([away]), 'interviewer')
    // A link holder announcing fresh ids and dropping them, 20,000 times, four at a time.
    for (let i = 0; i < 20_000; i += 4)
      gate.claim(doc, new Set([0, 1, 2, 3].map((k) => 5_000_000 + i + k)), 'candidate')
    expect(owners.size).toBeLessThanOrEqual(2 * (writers.length + live.size + 64 * 2))
    for (const id of writers) expect(gate.ownerOf(id)).toBe('interviewer')
    for (const id of live) expect(gate.ownerOf(id)).toBe('candidate')
    // The latest claims are kept until the next pruning; the candidate's churn did not push out
    // the interviewer's id.
    expect(gate.ownerOf(5_000_000 + 19_999)).toBe('candidate')
    expect(gate.ownerOf(away)).toBe('interviewer')
  })
  it('a refused update costs the owner of the pending structs nothing', () => {
    const doc = new Y.Doc()
    const gate = new UpdateGate('board', LIMITS, null, null)
    const send = (update: Uint8Array, role: Role) => {
      const refusal = gate.refusal(doc, update, 0, { spend: () => true, role })
      if (!refusal) Y.applyUpdate(doc, update)
      return refusal?.reason ?? 'applied'
    }
    // The interviewer's edit that came before its own earlier one waits as pending.
    const { early, late, text } = outOfOrderEdit()
    const author = Y.decodeUpdate(late).structs[0]!.id
    expect(send(late, 'interviewer')).toBe('applied')
    expect(doc.store.pendingStructs).not.toBeNull()
    // The candidate sends its own struct at the clocks that wait: refused, and what waits stays.
    const forged = encodeStructs([
      [
        author.client,
        author.clock,
        [{ kind: 'str', origin: [author.client, author.clock - 1], str: 'EVIL' }],
      ],
    ])
    expect(send(forged, 'candidate')).toBe('foreignClient')
    expect(doc.store.pendingStructs).not.toBeNull()
    expect(send(early, 'interviewer')).toBe('applied')
    expect(doc.getText('scratch').toString()).toBe(text)
  })
})
