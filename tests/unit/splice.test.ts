import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'

import { layoutOf, spliceUpdates } from '../../server/src/replay/splice.js'

/** A small deterministic PRNG, so a failure names its seed. */
function rng(seed: number) {
  let s = seed
  return () => (s = (s * 16807) % 2147483647) / 2147483647
}

const docOf = (update: Uint8Array) => {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, update)
  return doc
}

/** Everything observable about a doc: its content and the update a GC'd copy encodes to. */
function fingerprint(update: Uint8Array) {
  const doc = docOf(update)
  return {
    array: doc.getArray('a').toJSON(),
    map: Object.fromEntries(
      [...doc.getMap('m').entries()].map(([k, v]) => [k, v instanceof Y.Doc ? `subdoc ${v.guid}` : v]),
    ),
    text: doc.getText('t').toDelta(),
    xml: doc.getXmlFragment('x').toString(),
    sv: [...Y.decodeStateVector(Y.encodeStateVector(doc))].sort(),
    state: Y.encodeStateAsUpdate(doc),
  }
}

/**
 * Three peers edit concurrently with every kind of content Yjs has (any values of each type,
 * JSON, binary, strings with astral characters, formats, embeds, nested types, XML elements and
 * hooks, subdocs) and exchange updates now and then; the log is every update in the order a
 * server would have stored it.
 */
function recordLog(seed: number, steps: number): Uint8Array[] {
  const r = rng(seed)
  const peers = [1, 2, 3].map((client) => {
    const doc = new Y.Doc()
    doc.clientID = client * 1000 + seed
    return doc
  })
  const log: Uint8Array[] = []
  for (const doc of peers)
    doc.on('update', (u: Uint8Array, origin: unknown) => origin !== 'remote' && log.push(u))
  const any = () =>
    [
      null,
      true,
      false,
      42,
      -7,
      3.5,
      Number.MAX_SAFE_INTEGER,
      'π≈3.14 😀',
      { nested: { list: [1, 'two', { three: 3 }], big: 10n ** 10n > 0n }, bytes: new Uint8Array([1, 2, 3]) },
      [undefined, null, 'x'],
    ][Math.floor(r() * 10)]
  for (let i = 0; i < steps; i++) {
    const doc = peers[Math.floor(r() * peers.length)]!
    const arr = doc.getArray<unknown>('a')
    const text = doc.getText('t')
    const op = Math.floor(r() * 11)
    if (op === 0 && arr.length > 0) arr.delete(Math.floor(r() * arr.length), 1)
    else if (op === 1) doc.getMap('m').set(`k${Math.floor(r() * 5)}`, any())
    else if (op === 2) text.insert(Math.floor(r() * (text.length + 1)), r() < 0.3 ? 'a😀b' : 'hello ')
    else if (op === 3 && text.length > 2) text.delete(Math.floor(r() * (text.length - 1)), 1)
    else if (op === 4 && text.length > 2) text.format(0, 2, { bold: r() < 0.5 ? true : null })
    else if (op === 5) text.insertEmbed(0, { image: 'x.png' })
    else if (op === 6) arr.insert(0, [new Y.Map([['inner', any()]])])
    else if (op === 7)
      doc
        .getXmlFragment('x')
        .insert(0, [r() < 0.5 ? new Y.XmlElement('p') : (new Y.XmlHook('hook') as unknown as Y.XmlElement)])
    else if (op === 8) doc.getMap('m').set('sub', new Y.Doc())
    else if (op === 9) doc.getMap('m').set('bin', new Uint8Array([9, 8, 7]))
    else arr.insert(Math.floor(r() * (arr.length + 1)), [any(), any()])
    // Peers sync now and then, so later edits build on each other's structs.
    if (r() < 0.3) {
      const [a, b] = [peers[Math.floor(r() * 3)]!, peers[Math.floor(r() * 3)]!]
      if (a !== b) Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)), 'remote')
    }
  }
  return log
}

/** A snapshot of the log's first n updates, as a server compacts it (applied into a GC'd doc). */
function snapshotOf(log: Uint8Array[], n: number): Uint8Array {
  const doc = new Y.Doc()
  for (const u of log.slice(0, n)) Y.applyUpdate(doc, u)
  return Y.encodeStateAsUpdate(doc)
}

describe('spliceUpdates', () => {
  for (const seed of [1, 2, 3, 4, 5, 6]) {
    it(`joins a snapshot and its tail exactly as Y.mergeUpdates does (seed ${seed})`, () => {
      const log = recordLog(seed, 160)
      let spliced = 0
      for (const cut of [0, 1, 40, 100]) {
        for (const end of [cut + 1, cut + 30, log.length]) {
          const parts = [...(cut > 0 ? [snapshotOf(log, cut)] : []), ...log.slice(cut, end)]
          const joined = spliceUpdates(parts.map(layoutOf))
          if (joined === null) continue // a gap in the order stored: the caller merges the slow way
          spliced++
          expect(fingerprint(joined)).toEqual(fingerprint(Y.mergeUpdates(parts)))
        }
      }
      expect(spliced).toBeGreaterThan(6)
    })
  }

  it('splices the usual log of a shared board (each author continuing its own clock)', () => {
    const doc = new Y.Doc()
    const log: Uint8Array[] = []
    doc.on('update', (u: Uint8Array) => log.push(u))
    const arr = doc.getArray<{ key: string; val: unknown }>('tldraw')
    for (let i = 0; i < 50; i++) {
      doc.transact(() => {
        if (i > 0) arr.delete(0, 1)
        arr.push([{ key: 'shape:a', val: { x: i, label: `v${i}` } }])
      })
    }
    const parts = [snapshotOf(log, 20), ...log.slice(20)]
    const spliced = spliceUpdates(parts.map(layoutOf))
    expect(spliced).not.toBeNull()
    expect(fingerprint(spliced!)).toEqual(fingerprint(Y.mergeUpdates(parts)))
    expect(docOf(spliced!).getArray('tldraw').toJSON()).toEqual([
      { key: 'shape:a', val: { x: 49, label: 'v49' } },
    ])
  })

  it('refuses (null) when a client skips ahead or repeats itself, for the caller to merge', () => {
    const doc = new Y.Doc()
    const log: Uint8Array[] = []
    doc.on('update', (u: Uint8Array) => log.push(u))
    for (let i = 0; i < 3; i++) doc.getArray('a').push([i])
    expect(spliceUpdates([log[0]!, log[2]!].map(layoutOf))).toBeNull() // gap
    expect(spliceUpdates([log[0]!, log[1]!, log[1]!].map(layoutOf))).toBeNull() // overlap
    expect(spliceUpdates(log.map(layoutOf))).not.toBeNull()
  })

  it('rejects bytes that are not an update', () => {
    expect(() => layoutOf(new Uint8Array([5, 1, 2]))).toThrow()
  })
})
