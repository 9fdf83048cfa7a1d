/** Random Yjs edits of every content type, for tests that read updates the way Yjs does. */
import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'

/** mulberry32: a seeded generator, so a failing case can be replayed. */
export function rng(seed: number): () => number {
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
export function edit(doc: Y.Doc, random: () => number): void {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!
  const map = doc.getMap('m')
  const array = doc.getArray<unknown>('a')
  const text = doc.getText('t')
  const xml = doc.getXmlFragment('x')
  switch (Math.floor(random() * 13)) {
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
    case 12: {
      // One level deeper: a type inside a nested array or map, beside what it holds.
      let parent: unknown = array.length > 0 ? array.get(Math.floor(random() * array.length)) : null
      while (parent instanceof Y.Array && parent.length > 0 && random() < 0.7)
        parent = parent.get(Math.floor(random() * parent.length))
      const child = random() < 0.5 ? new Y.Array() : new Y.Map()
      if (parent instanceof Y.Array) parent.insert(Math.floor(random() * (parent.length + 1)), [child, 1])
      else if (parent instanceof Y.Map) parent.set(`n${Math.floor(random() * 3)}`, child)
      break
    }
  }
}

/** An item with legacy ContentJSON (Yjs reads it, no longer writes it), encoded by hand. */
export function jsonContentUpdate(): Uint8Array {
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

/** A doc after `count` random edits (one transaction each) from `seed`, and the update of each. */
export function randomEditUpdates(seed: number, count: number): { source: Y.Doc; updates: Uint8Array[] } {
  const random = rng(seed)
  const source = new Y.Doc()
  const updates: Uint8Array[] = []
  source.on('update', (u: Uint8Array) => updates.push(u))
  for (let i = 0; i < count; i++) source.transact(() => edit(source, random))
  return { source, updates }
}
