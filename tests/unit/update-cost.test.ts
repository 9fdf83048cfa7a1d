import * as encoding from 'lib0/encoding'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'

import { updateCost } from '../../server/src/sync/updateCost.js'

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

/** mulberry32: a seeded generator, so a failing case can be replayed. */
function rng(seed: number): () => number {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const VALUES: unknown[] = [
  null,
  true,
  false,
  0,
  -7,
  2 ** 40,
  3.25,
  'text ✓',
  { a: 1, b: [1, 'x', { c: null }] },
  [],
  new Uint8Array([1, 2, 3]),
  Number.NaN,
]

/** A random edit touching every kind of content Yjs writes: any, string, format, embed, types, binary, docs. */
function edit(doc: Y.Doc, random: () => number): void {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!
  const map = doc.getMap('m')
  const array = doc.getArray<unknown>('a')
  const text = doc.getText('t')
  const xml = doc.getXmlFragment('x')
  switch (Math.floor(random() * 12)) {
    case 0:
      map.set(`k${Math.floor(random() * 5)}`, pick(VALUES))
      break
    case 1:
      array.insert(Math.floor(random() * (array.length + 1)), [pick(VALUES), pick(VALUES)])
      break
    case 2:
      text.insert(Math.floor(random() * (text.length + 1)), pick(['a', 'bc', 'ü€', '😀']))
      break
    case 3:
      if (text.length > 1) text.format(0, Math.ceil(random() * text.length), { bold: random() < 0.5 || null })
      break
    case 4:
      text.insertEmbed(Math.floor(random() * (text.length + 1)), { image: 'x.png' })
      break
    case 5:
      array.push([pick([new Y.Map(), new Y.Array(), new Y.Text('nested')])])
      break
    case 6:
      xml.push([random() < 0.5 ? new Y.XmlElement('p') : new Y.XmlText('t')])
      array.push([random() < 0.5 ? new Y.XmlHook('h') : new Y.XmlFragment()])
      break
    case 7:
      array.push([new Y.Doc()])
      break
    case 8:
      if (array.length > 0) array.delete(Math.floor(random() * array.length), 1)
      break
    case 9:
      if (text.length > 0) text.delete(Math.floor(random() * text.length), 1)
      break
    case 10:
      map.delete(`k${Math.floor(random() * 5)}`)
      break
    case 11:
      if (xml.length > 0) xml.delete(0, 1)
      break
  }
}

/** An item with legacy ContentJSON (Yjs reads it, no longer writes it), encoded by hand. */
function jsonContentUpdate(): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, 1) // one client
  encoding.writeVarUint(e, 1) // one struct
  encoding.writeVarUint(e, 42) // client
  encoding.writeVarUint(e, 0) // clock
  encoding.writeUint8(e, 2) // no origins, content ref 2 (JSON)
  encoding.writeVarUint(e, 1) // parent is a root type named…
  encoding.writeVarString(e, 'a')
  encoding.writeVarUint(e, 3)
  for (const value of ['{"x":1}', 'undefined', '[2]']) encoding.writeVarString(e, value)
  encoding.writeVarUint(e, 0) // no deletions
  return encoding.toUint8Array(e)
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
