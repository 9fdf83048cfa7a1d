import type { Role } from '@mockboard/shared'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'

import { UpdateGate } from '../../server/src/sync/UpdateGate.js'

const LIMITS = { maxDocBytes: 1e9, maxPendingBytes: 64 * 1024, maxUpdateStructs: 1e6, maxTypeDepth: 64 }

describe('client-id claims', () => {
  it('stay bounded by what holds something: ids announced and dropped, or parked and dropped, go', () => {
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
    const owners = new Map<number, Role>()
    const gate = new UpdateGate('board', LIMITS, null, null, owners, (id) => live.has(id))
    for (const id of writers) gate.claim(doc, id, 'interviewer')
    for (const id of live) gate.claim(doc, id, 'candidate')
    // A link holder announcing fresh ids and dropping them, 20,000 times.
    for (let i = 0; i < 20_000; i++) gate.claim(doc, 5_000_000 + i, 'candidate')
    expect(owners.size).toBeLessThanOrEqual(2 * (writers.length + live.size))
    for (const id of writers) expect(gate.ownerOf(id)).toBe('interviewer')
    for (const id of live) expect(gate.ownerOf(id)).toBe('candidate')
    // The latest claims are kept until the next pruning.
    expect(gate.ownerOf(5_000_000 + 19_999)).toBe('candidate')
  })
})
