import * as encoding from 'lib0/encoding'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'

import { updateCost } from '../../server/src/sync/updateCost.js'
import { edit, jsonContentUpdate, rng } from '../helpers/randomEdits.js'

/** What updateCost must count, read the expensive way: every struct, deleted range and JSON value. */
function oracle(update: Uint8Array): number {
  const { structs, ds } = Y.decodeUpdate(update)
  let units = structs.length
  for (const s of structs)
    if (s instanceof Y.Item && (s.content instanceof Y.ContentAny || s.content instanceof Y.ContentJSON))
      units += s.content.getLength()
  for (const ranges of ds.clients.values()) units += ranges.length
  return units
}

describe('updateCost', () => {
  it('counts what Y.decodeUpdate decodes, on random edits of every content type', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const random = rng(seed)
      const doc = new Y.Doc({ gc: seed % 2 === 0 })
      const updates: Uint8Array[] = []
      doc.on('update', (u: Uint8Array) => updates.push(u))
      for (let i = 0; i < 60; i++) doc.transact(() => edit(doc, random))
      const whole = Y.encodeStateAsUpdate(doc)
      // Merged updates with gaps carry Skip structs.
      const gappy = Y.mergeUpdates(updates.filter((_, i) => i % 3 !== 1))
      for (const update of [...updates, whole, gappy])
        expect(updateCost(update, Infinity)).toBe(oracle(update))
    }
  })

  it('reads legacy JSON content', () => {
    const update = jsonContentUpdate()
    expect(Y.decodeUpdate(update).structs).toHaveLength(1)
    expect(updateCost(update, Infinity)).toBe(oracle(update))
  })

  it('stops past the cap: a huge struct count in a header is refused without reading the structs', () => {
    const doc = new Y.Doc()
    const text = doc.getText('t')
    doc.transact(() => {
      for (let i = 0; i < 1_000; i++) text.insert(0, 'x')
    })
    const update = Y.encodeStateAsUpdate(doc)
    expect(updateCost(update, Infinity)).toBe(1_000)
    expect(updateCost(update, 999)).toBeGreaterThan(999)
    // A header claiming a billion structs, with none behind it: answered from the header.
    const e = encoding.createEncoder()
    encoding.writeVarUint(e, 1)
    encoding.writeVarUint(e, 1e9)
    expect(updateCost(encoding.toUint8Array(e), 100_000)).toBe(1e9)
  })

  it('counts an empty list of structs or deletions as one unit: a flood of them is refused like structs', () => {
    const e = encoding.createEncoder()
    encoding.writeVarUint(e, 100_000)
    for (let client = 0; client < 100_000; client++) {
      encoding.writeVarUint(e, 0) // no structs
      encoding.writeVarUint(e, client)
      encoding.writeVarUint(e, 0) // clock
    }
    encoding.writeVarUint(e, 3)
    for (let client = 0; client < 3; client++) {
      encoding.writeVarUint(e, client)
      encoding.writeVarUint(e, 0) // no ranges
    }
    const update = encoding.toUint8Array(e)
    expect(updateCost(update, Infinity)).toBe(100_003)
    // Stops reading at the cap, as for structs.
    expect(updateCost(update, 20_000)).toBe(20_001)
  })

  it('throws on truncated updates, like Yjs', () => {
    const doc = new Y.Doc()
    doc.getMap('m').set('k', { deep: ['value', 1, true] })
    doc.getText('t').insert(0, 'hello')
    const update = Y.encodeStateAsUpdate(doc)
    for (let end = 1; end < update.length - 1; end++) {
      const cut = update.subarray(0, end)
      expect(() => Y.decodeUpdate(cut)).toThrow()
      expect(() => updateCost(cut, Infinity)).toThrow()
    }
  })
})
