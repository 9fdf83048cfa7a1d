import * as encoding from 'lib0/encoding'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'

import { encodeIntegrated } from '../../server/src/sync/encodeIntegrated.js'
import { inspectUpdate } from '../../server/src/sync/inspectUpdate.js'
import { UpdateGate } from '../../server/src/sync/UpdateGate.js'
import { encodeStructs, nestedChain } from '../helpers/encodeStructs.js'
import { jsonContentUpdate, randomEditUpdates } from '../helpers/randomEdits.js'

const ROOTS = ['m', 'a', 't', 'x']

/** Each clock of a root's direct values in `doc`, live or not: `client:clock` → [root, value as JSON]. */
function rootValues(doc: Y.Doc, live: boolean): Map<string, [string, string]> {
  const out = new Map<string, [string, string]>()
  for (const [client, structs] of doc.store.clients)
    for (const s of structs) {
      if (!(s instanceof Y.Item) || s.deleted === live) continue
      if (!(s.content instanceof Y.ContentAny || s.content instanceof Y.ContentJSON)) continue
      const parent = s.parent as Y.AbstractType<unknown>
      if (parent._item !== null) continue
      const values = s.content.getContent() as unknown[]
      values.forEach((v, i) =>
        out.set(`${client}:${s.id.clock + i}`, [Y.findRootTypeKey(parent), JSON.stringify(v)]),
      )
    }
  return out
}

/**
 * What applying `update` to a copy of `doc` (what it integrated, not what it holds as pending)
 * shows: whether Yjs parks anything as pending, the values of the items it integrates directly
 * into each root, and the root's values live before that it deletes, compared as sets. A copy without garbage collection keeps the content of items
 * the same update deletes, which the gate checks too.
 */
function applied(doc: Y.Doc, update: Uint8Array) {
  const copy = new Y.Doc({ gc: false })
  Y.applyUpdate(copy, encodeIntegrated(doc))
  const before = Y.encodeStateVector(copy)
  const beforeState = Y.decodeStateVector(before)
  const liveBefore = rootValues(copy, true)
  Y.applyUpdate(copy, update)
  const removed = new Map<string, string[]>(ROOTS.map((r) => [r, []]))
  for (const [id, [root, value]] of rootValues(copy, false))
    if (liveBefore.has(id)) removed.get(root)?.push(value)
  for (const list of removed.values()) list.sort()
  const missing = copy.store.pendingStructs !== null || copy.store.pendingDs !== null
  const inserted = new Map<string, string[]>(ROOTS.map((r) => [r, []]))
  let foreign = false
  for (const [client, structs] of copy.store.clients) {
    const from = beforeState.get(client) ?? 0
    for (const s of structs) {
      if (!(s instanceof Y.Item) || s.id.clock + s.length <= from) continue
      if (s.content instanceof Y.ContentDeleted) continue
      const parent = s.parent as Y.AbstractType<unknown>
      if (parent._item !== null) continue
      const list = inserted.get(Y.findRootTypeKey(parent))
      if (!list) continue
      if (s.content instanceof Y.ContentAny || s.content instanceof Y.ContentJSON) {
        // An item integrated partly before (merged with an older one) holds older values first.
        const values = s.content.getContent() as unknown[]
        list.push(...values.slice(Math.max(0, from - s.id.clock)).map((v) => JSON.stringify(v)))
      } else foreign = true
    }
  }
  for (const list of inserted.values()) list.sort()
  return { missing, inserted, removed, foreign, typeDepth: typeDepth(copy, beforeState) }
}

/** The deepest type the items new to `doc` since `before` create (1: a type in a root). */
function typeDepth(doc: Y.Doc, before: Map<number, number>): number {
  let deepest = 0
  for (const [client, structs] of doc.store.clients)
    for (const s of structs) {
      if (!(s instanceof Y.Item) || s.id.clock < (before.get(client) ?? 0)) continue
      if (!(s.content instanceof Y.ContentType)) continue
      let depth = 1
      for (
        let t = s.parent as Y.AbstractType<unknown>;
        t._item;
        t = t._item.parent as Y.AbstractType<unknown>
      )
        depth++
      deepest = Math.max(deepest, depth)
    }
  return deepest
}

function inspected(doc: Y.Doc, update: Uint8Array) {
  const result = inspectUpdate(doc, update, ROOTS)
  const asJson = (lists: Map<string, unknown[]>) =>
    new Map([...lists].map(([root, values]) => [root, values.map((v) => JSON.stringify(v)).sort()]))
  return {
    missing: result.missing,
    inserted: asJson(result.inserted),
    removed: asJson(result.removed),
    foreign: result.foreign,
    typeDepth: result.typeDepth,
  }
}

/**
 * One map entry `root`.k encoded by hand (Yjs never writes these): its content ref, then what
 * `writeContent` writes as its content.
 */
function handEncodedEntry(root: string, contentRef: number, writeContent: (e: encoding.Encoder) => void) {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, 1) // one client
  encoding.writeVarUint(e, 1) // one struct
  encoding.writeVarUint(e, 7) // client
  encoding.writeVarUint(e, 0) // clock
  encoding.writeUint8(e, contentRef | 0x20) // the content ref, with a key
  encoding.writeVarUint(e, 1) // parent is a root type named…
  encoding.writeVarString(e, root)
  encoding.writeVarString(e, 'k')
  writeContent(e)
  encoding.writeVarUint(e, 0) // no deletions
  return encoding.toUint8Array(e)
}

/** A string value that is not UTF-8 (Yjs' decoder throws on it). */
const badUtf8Update = () =>
  handEncodedEntry('m', 8, (e) => {
    encoding.writeVarUint(e, 1) // one value
    encoding.writeUint8(e, 119) // a string…
    encoding.writeVarUint8Array(e, new Uint8Array([0x61, 0xff, 0xfe]))
  })

/** A subdocument whose options are `null`: Yjs throws reading it (not our reader alone). */
const nullOptionsSubdocUpdate = () =>
  handEncodedEntry('elsewhere', 9, (e) => {
    encoding.writeVarString(e, 'guid')
    encoding.writeUint8(e, 126) // options: null
  })

/**
 * Updates Yjs reads without complaint and then fails half-way through applying (found by fuzzing
 * the gate with byte-mutated updates): the room would have to be reloaded for everyone.
 */
const halfAppliedUpdates = (): Record<string, Uint8Array> => {
  const update = (write: (e: encoding.Encoder) => void) => {
    const e = encoding.createEncoder()
    write(e)
    return encoding.toUint8Array(e)
  }
  const anyValue = (e: encoding.Encoder) => {
    encoding.writeVarUint(e, 1) // one value
    encoding.writeUint8(e, 126) // null
  }
  return {
    // An item whose left neighbour is a later item of its own client.
    'a later origin of its own client': update((e) => {
      encoding.writeVarUint(e, 1) // one client
      encoding.writeVarUint(e, 1) // one struct
      encoding.writeVarUint(e, 7) // client
      encoding.writeVarUint(e, 0) // clock
      encoding.writeUint8(e, 8 | 0x80) // any content, with an origin
      encoding.writeVarUint(e, 7) // origin: client 7…
      encoding.writeVarUint(e, 5) // …clock 5
      anyValue(e)
      encoding.writeVarUint(e, 0) // no deletions
    }),
    // An empty string after an item that waits for a missing neighbour: both set aside as pending.
    'an empty struct': update((e) => {
      encoding.writeVarUint(e, 1)
      encoding.writeVarUint(e, 2) // two structs
      encoding.writeVarUint(e, 7)
      encoding.writeVarUint(e, 0)
      encoding.writeUint8(e, 8 | 0x80)
      encoding.writeVarUint(e, 9) // origin: client 9, unknown
      encoding.writeVarUint(e, 10)
      anyValue(e)
      encoding.writeUint8(e, 4) // string content, parent on the wire
      encoding.writeVarUint(e, 0) // the parent is an item…
      encoding.writeVarUint(e, 9)
      encoding.writeVarUint(e, 10)
      encoding.writeVarString(e, '') // …and the string is empty
      encoding.writeVarUint(e, 0)
    }),
    // A deletion of nothing, past what the doc has of that client.
    'an empty deletion range': update((e) => {
      encoding.writeVarUint(e, 0) // no structs
      encoding.writeVarUint(e, 1) // one client's deletions
      encoding.writeVarUint(e, 9)
      encoding.writeVarUint(e, 1) // one range
      encoding.writeVarUint(e, 3) // clock
      encoding.writeVarUint(e, 0) // length 0
    }),
  }
}

describe('inspectUpdate', () => {
  it('says what applying would do, on random edits of every content type, in and out of order', () => {
    for (let seed = 1; seed <= 15; seed++) {
      const { source, updates } = randomEditUpdates(seed, 50)
      // Against a doc that has each update before it (in order), and against one that lacks every
      // third update (some later ones then depend on what it never got).
      const inOrder = new Y.Doc()
      const gappy = new Y.Doc()
      updates.forEach((update, i) => {
        expect(inspected(inOrder, update)).toEqual(applied(inOrder, update))
        Y.applyUpdate(inOrder, update)
        const seen = inspected(gappy, update)
        expect(seen.missing).toBe(applied(gappy, update).missing)
        if (!seen.missing) expect(seen).toEqual(applied(gappy, update))
        if (i % 3 !== 1) Y.applyUpdate(gappy, update)
      })
      // A whole state into an empty doc, and merged updates with gaps (Skip structs).
      const whole = Y.encodeStateAsUpdate(source)
      expect(inspected(new Y.Doc(), whole)).toEqual(applied(new Y.Doc(), whole))
      const merged = Y.mergeUpdates(updates.filter((_, i) => i % 3 !== 1))
      expect(inspected(new Y.Doc(), merged).missing).toBe(applied(new Y.Doc(), merged).missing)
    }
  })

  it('reads legacy JSON content as values', () => {
    const update = jsonContentUpdate()
    const result = inspectUpdate(new Y.Doc(), update, ['a'])
    expect(result.inserted.get('a')).toEqual([{ x: 1 }, undefined, [2]])
    expect(inspected(new Y.Doc(), update)).toEqual(applied(new Y.Doc(), update))
  })

  it('throws where Yjs would fail to read the update: truncated, bad UTF-8', () => {
    const doc = new Y.Doc()
    doc
      .getMap('m')
      .set('k', { deep: ['value', 1, true], text: 'ünïcode ✓ and a string longer than 32 bytes' })
    doc.getText('t').insert(0, 'hello')
    const update = Y.encodeStateAsUpdate(doc)
    for (let end = 1; end < update.length - 1; end++)
      expect(() => inspectUpdate(new Y.Doc(), update.slice(0, end), ROOTS)).toThrow()
    expect(inspectUpdate(new Y.Doc(), update, ROOTS).inserted.get('m')).toEqual([
      { deep: ['value', 1, true], text: 'ünïcode ✓ and a string longer than 32 bytes' },
    ])
    const bad = badUtf8Update()
    expect(() => Y.applyUpdate(new Y.Doc(), bad)).toThrow()
    expect(() => inspectUpdate(new Y.Doc(), bad, ROOTS)).toThrow()
    // In a root the gate does not read values of: Yjs' own decoder still has its say.
    const subdoc = nullOptionsSubdocUpdate()
    expect(() => Y.applyUpdate(new Y.Doc(), subdoc)).toThrow()
    expect(() => inspectUpdate(new Y.Doc(), subdoc, ['m'])).toThrow()
  })

  it('says how deep the types an update creates are nested, through the update and the doc', () => {
    const source = new Y.Doc()
    const target = new Y.Doc()
    const step = (change: () => void) => {
      let update: Uint8Array | null = null
      source.once('update', (u: Uint8Array) => (update = u))
      source.transact(change)
      const depth = inspectUpdate(target, update!, ROOTS).typeDepth
      expect(depth).toBe(applied(target, update!).typeDepth)
      Y.applyUpdate(target, update!)
      return depth
    }
    let deepest = source.getArray<unknown>('a')
    // Ten levels in one update: each parent is in the update.
    expect(
      step(() => {
        for (let i = 0; i < 10; i++) {
          const inner = new Y.Array<unknown>()
          deepest.insert(0, [inner])
          deepest = inner
        }
      }),
    ).toBe(10)
    // One more inside the deepest, which is in the doc now; then beside it (its neighbour's level).
    expect(step(() => deepest.insert(0, [new Y.Map()]))).toBe(11)
    expect(step(() => deepest.insert(1, [new Y.Array(), new Y.Text()]))).toBe(11)
    // A long run of siblings, each the next one's neighbour: walked once, not once per sibling.
    expect(
      step(() =>
        deepest.insert(
          3,
          Array.from({ length: 5000 }, () => new Y.Map()),
        ),
      ),
    ).toBe(11)
    expect(step(() => source.getMap('m').set('plain', 1))).toBe(0)
  })

  it('reads a struct the doc already has from the doc, not from what a copy of it claims', () => {
    // 64 arrays nested in root `deep` by client 1; the update sends 1:63 again, claiming the root
    // as its parent, and nests 63 more under it: Yjs keeps its own 1:63 (64 deep).
    const doc = new Y.Doc()
    Y.applyUpdate(doc, encodeStructs([[1, 0, nestedChain(64, 1, 0, { parent: 'deep' })]]))
    const resent = encodeStructs([
      [1, 63, [{ kind: 'type', parent: 'deep' }]],
      [100, 0, nestedChain(63, 100, 0, { parent: [1, 63] })],
    ])
    expect(inspectUpdate(doc, resent, ROOTS).typeDepth).toBe(127)
    expect(inspectUpdate(doc, resent, ROOTS).typeDepth).toBe(applied(doc, resent).typeDepth)
    // A value in root `a` sent again as if in another root, with values placed after it: they go to `a`.
    const board = new Y.Doc()
    Y.applyUpdate(board, encodeStructs([[555, 0, [{ kind: 'any', parent: 'a' }]]]))
    const disguised = encodeStructs([
      [555, 0, [{ kind: 'any', parent: 'zzz' }]],
      [777, 0, [{ kind: 'any', origin: [555, 0], len: 2 }]],
    ])
    expect(inspected(board, disguised)).toEqual(applied(board, disguised))
    expect(inspectUpdate(board, disguised, ROOTS).inserted.get('a')).toEqual([null, null])
  })

  it('throws on structs that wait for each other (Yjs would keep them pending for good)', () => {
    const cycle = encodeStructs([
      [1, 0, [{ kind: 'str', origin: [2, 0], str: 'a' }]],
      [2, 0, [{ kind: 'str', origin: [1, 0], str: 'b' }]],
    ])
    const copy = new Y.Doc()
    Y.applyUpdate(copy, cycle)
    expect(copy.store.pendingStructs).not.toBeNull()
    expect(() => inspectUpdate(new Y.Doc(), cycle, ROOTS)).toThrow('wait for each other')
  })

  it('with the gate, never lets Yjs fail half-way: nesting by a pending neighbour, copies of pending clocks', () => {
    const gate = new UpdateGate(
      'control',
      { maxDocBytes: 1e9, maxPendingBytes: 64 * 1024, maxUpdateStructs: 1e6, maxTypeDepth: 64 },
      null,
    )
    const send = (doc: Y.Doc, hex: string) => {
      const update = new Uint8Array(Buffer.from(hex, 'hex'))
      const refusal = gate.refusal(doc, update, 0, { spend: () => true, role: 'candidate' })
      if (!refusal) Y.applyUpdate(doc, update)
      return refusal?.reason ?? 'applied'
    }
    // A chain of types hanging off a neighbour nobody sent yet: its depth is unknown until then.
    const deep = new Y.Doc()
    Y.applyUpdate(deep, encodeStructs([[1, 0, nestedChain(64, 1, 0, { parent: 'deep' })]]))
    const hanging = Buffer.from(encodeStructs([[1000, 1, nestedChain(64, 1000, 1, { origin: [1000, 0] })]]))
    expect(send(deep, hanging.toString('hex'))).toBe('tooDeep')
    // Hanging off another client's item that nobody sent: refused before anything else.
    const elsewhere = Buffer.from(encodeStructs([[1000, 0, nestedChain(64, 1000, 0, { origin: [1001, 0] })]]))
    expect(send(deep, elsewhere.toString('hex'))).toBe('missingDependencies')
    // Sequences found by a structured fuzz: Yjs threw on the last update of each (room reloaded).
    const sequences = [
      [
        '01030200880100027e7e4702010028000202026b30027e7e0102010201',
        '0104010008010172017e08000202017e0701017300880203017e00',
      ],
      [
        '0101010008010172017e00',
        '0302020008000301027e7e0a01010300880101017e02010108010172017e0a0100',
        '02020400480300017e08010172017e010200070004010000',
        '01010301070101730000',
      ],
      // A copy of structs the doc has, naming a later struct of its own client as its neighbour:
      // Yjs looks that up before it skips the copy.
      [
        '020102000101017203030100480201027e7e28010173026b31037e7e7e21010172026b300300',
        '03030102c40101010c016104010172016128000201026b31027e7e01030081010c0202020384030002616208000105017e00',
      ],
    ]
    for (const sequence of sequences) {
      const doc = new Y.Doc()
      for (const hex of sequence) expect(() => send(doc, hex)).not.toThrow()
    }
    // While something waits as pending (its client's first clock), a large edit that waits for
    // nothing still goes through.
    const room = new Y.Doc()
    expect(
      send(room, Buffer.from(encodeStructs([[5, 1, [{ kind: 'str', origin: [5, 0] }]]])).toString('hex')),
    ).toBe('applied')
    expect(room.store.pendingStructs).not.toBeNull()
    const large = new Y.Doc()
    large.getText('t').insert(0, 'x'.repeat(70_000))
    expect(send(room, Buffer.from(Y.encodeStateAsUpdate(large)).toString('hex'))).toBe('applied')
    expect(room.getText('t').length).toBe(70_000)
  })

  it('throws where Yjs would read the update and then fail half-way through applying it', () => {
    for (const [name, update] of Object.entries(halfAppliedUpdates())) {
      expect(() => Y.decodeUpdate(update), name).not.toThrow()
      expect(() => Y.applyUpdate(new Y.Doc(), update), name).toThrow()
      expect(() => inspectUpdate(new Y.Doc(), update, ROOTS), name).toThrow()
    }
  })
})
