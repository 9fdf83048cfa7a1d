import {
  BOARD_SCHEMA_KEY,
  BoardKeys,
  boardMeta,
  buildSegment,
  type BuiltSegment,
  decodeSegment,
  encodeSegment,
  openBoardRecords,
  readBoardNotes,
  readBoardRecords,
  readBoardSchema,
} from '@mockboard/shared'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'

import { applyNotesOps, jsonText, SegmentBuilder } from '../../shared/src/docs/segmentBuilder.js'

function rng(seed: number) {
  let s = seed
  return () => (s = (s * 16807) % 2147483647) / 2147483647
}

/** Two people edit a board concurrently through YKeyValue, as the app does; returns the log. */
function recordBoard(seed: number, steps: number): Uint8Array[] {
  const r = rng(seed)
  const peers = [new Y.Doc(), new Y.Doc()]
  const log: Uint8Array[] = []
  peers.forEach((doc) =>
    doc.on('update', (u: Uint8Array, origin: unknown) => origin !== 'remote' && log.push(u)),
  )
  const kvs = peers.map((doc) => openBoardRecords<Record<string, unknown> & { id: string }>(doc))
  for (let i = 0; i < steps; i++) {
    const p = Math.floor(r() * 2)
    const doc = peers[p]!
    const kv = kvs[p]!
    const id = `shape:${Math.floor(r() * 12)}`
    const op = r()
    if (op < 0.55) kv.set(id, { id, typeName: 'shape', x: Math.round(r() * 500), props: { label: `L${i}` } })
    else if (op < 0.7) kv.delete(id)
    else if (op < 0.9) {
      const text = doc.getText(BoardKeys.notes)
      if (r() < 0.7 || text.length < 3)
        text.insert(Math.floor(r() * (text.length + 1)), r() < 0.2 ? 'çà 中 ' : 'note ')
      else text.delete(Math.floor(r() * (text.length - 2)), 2)
    } else doc.getMap(BoardKeys.meta).set('schema', { v: i })
    // Sometimes the peers go a while without hearing each other: concurrent writes to one key.
    if (r() < 0.6) {
      const [a, b] = p === 0 ? peers : [peers[1]!, peers[0]!]
      Y.applyUpdate(b!, Y.encodeStateAsUpdate(a!, Y.encodeStateVector(b!)), 'remote')
    }
  }
  return log
}

/** The server's reading of the board after the first n updates: the reference. */
function reference(log: Uint8Array[], n: number) {
  const doc = new Y.Doc()
  for (const u of log.slice(0, n)) Y.applyUpdate(doc, u)
  const records = new Map(
    readBoardRecords(doc).map((r) => [String((r as { id: string }).id), JSON.stringify(r)]),
  )
  return view(records, readBoardNotes(doc), readBoardSchema(doc))
}

const view = (records: Map<string, string>, notes: string, schema: unknown) => ({
  records: Object.fromEntries([...records].sort()),
  notes,
  schema,
})

describe('SegmentBuilder', () => {
  for (const seed of [11, 12, 13]) {
    it(`steps through a concurrent log and lands on the server's reading at every update (seed ${seed})`, () => {
      const log = recordBoard(seed, 300)
      for (const from of [0, 120]) {
        const snapshot =
          from > 0
            ? Y.encodeStateAsUpdate(
                ((d) => (log.slice(0, from).forEach((u) => Y.applyUpdate(d, u)), d))(new Y.Doc()),
              )
            : null
        const builder = new SegmentBuilder(snapshot)
        const kf = builder.keyframe()
        const records = new Map(kf.records)
        let notes = kf.notes
        let schema = kf.schema
        expect(view(records, notes, schema)).toEqual(reference(log, from))
        log.slice(from).forEach((data, i) => {
          const step = builder.apply({ seq: from + i + 1, at: i, data })
          for (const [id, json] of step.put) records.set(id, json)
          for (const id of step.remove) records.delete(id)
          if (step.notes) notes = applyNotesOps(notes, step.notes)
          if (step.schema !== undefined) schema = step.schema
          expect(view(records, notes, schema)).toEqual(reference(log, from + i + 1))
        })
        builder.destroy()
      }
    })
  }

  it('counts an entry that arrives already replaced as neither added nor deleted', () => {
    // B replaces A's entry before the log has A's: the stored update that brings A's entry also
    // integrates B's (pending until then) and B's deletion of it, all in one transaction.
    const [a, b] = [new Y.Doc(), new Y.Doc()]
    const entry = (x: number) => ({ key: 'shape:a', val: { id: 'shape:a', typeName: 'shape', x } })
    const records = (doc: Y.Doc) => doc.getArray<{ key: string; val: unknown }>(BoardKeys.records)
    const updates = (doc: Y.Doc) => {
      const log: Uint8Array[] = []
      doc.on('update', (u: Uint8Array, origin: unknown) => origin !== 'remote' && log.push(u))
      return log
    }
    const [fromA, fromB] = [updates(a), updates(b)]
    records(a).push([entry(1)])
    Y.applyUpdate(b, fromA[0]!, 'remote')
    b.transact(() => {
      records(b).delete(0, 1)
      records(b).push([entry(2)])
    })
    records(b).delete(0, 1)
    const builder = new SegmentBuilder(null)
    const early = builder.apply({ seq: 1, at: 1, data: fromB[0]! })
    expect([early.put, early.remove]).toEqual([[], []])
    const both = builder.apply({ seq: 2, at: 2, data: fromA[0]! })
    expect(both.put.map(([id, json]) => [id, (JSON.parse(json) as { x: number }).x])).toEqual([
      ['shape:a', 2],
    ])
    expect(both.remove).toEqual([])
    expect(builder.apply({ seq: 3, at: 3, data: fromB[1]! }).remove).toEqual(['shape:a'])
    expect(builder.keyframe().records).toEqual([])
    builder.destroy()
  })

  it('applies text deltas to a string', () => {
    expect(applyNotesOps('hello world', [{ retain: 6 }, { delete: 5 }, { insert: 'there' }])).toBe(
      'hello there',
    )
    expect(applyNotesOps('', [{ insert: 'a' }])).toBe('a')
  })
})

describe('segment wire format', () => {
  it('round-trips a snapshot and updates, and refuses other bytes', () => {
    const parts = [new Uint8Array([1, 2, 3]), new Uint8Array([4])]
    const bytes = encodeSegment(
      {
        snapshot: { seq: 500, at: 10, size: 2 },
        snapshotOmitted: false,
        closedBy: 1000,
        updates: parts.map((p, i) => ({ seq: 501 + i, at: 11 + i, size: p.byteLength })),
      },
      new Uint8Array([9, 9]),
      parts,
    )
    const decoded = decodeSegment(bytes)
    expect(decoded.snapshot).toEqual(new Uint8Array([9, 9]))
    expect(decoded.updates).toEqual([
      { seq: 501, at: 11, data: parts[0] },
      { seq: 502, at: 12, data: parts[1] },
    ])
    expect(decoded.header.closedBy).toBe(1000)
    expect(() => decodeSegment(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]))).toThrow(
      /not a Mockboard segment/,
    )
    expect(() => decodeSegment(bytes.subarray(0, bytes.byteLength - 1))).toThrow(/ends early/)
  })
})

describe('buildSegment', () => {
  it('reads a board holding BigInts (a participant may put one anywhere): JSON leaves them out', () => {
    const doc = new Y.Doc()
    const records = openBoardRecords<{ id: string; typeName: string; x: unknown }>(doc)
    doc.transact(() => {
      records.set('shape:a', { id: 'shape:a', typeName: 'shape', x: 1 })
      boardMeta(doc).set(BOARD_SCHEMA_KEY, { schemaVersion: 2, sneaky: 7n })
    })
    const opening = { seq: 1, data: Y.encodeStateAsUpdate(doc) }
    const log: Uint8Array[] = []
    doc.on('update', (u: Uint8Array) => log.push(u))
    records.set('shape:a', { id: 'shape:a', typeName: 'shape', x: 2n })
    const built = buildSegment(opening, [{ seq: 2, at: 5, data: log[0]! }], null, true)
    const parsed = JSON.parse(jsonText(built)) as BuiltSegment
    expect(parsed.keyframe!.schema).toEqual({ schemaVersion: 2 })
    expect(parsed.keyframe!.records).toEqual([['shape:a', '{"id":"shape:a","typeName":"shape","x":1}']])
    expect(parsed.steps).toEqual([
      { seq: 2, at: 5, put: [['shape:a', '{"id":"shape:a","typeName":"shape"}']], remove: [], notes: null },
    ])
    expect(JSON.parse(jsonText(buildSegment(opening, [], 1, false)))).toEqual({
      fromSeq: 1,
      toSeq: 1,
      closedBy: 1,
      keyframe: null,
      steps: [],
    })
  })

  it('counts an embed in the notes as one character in a keyframe, as the steps after it do', () => {
    const doc = new Y.Doc()
    const notes = doc.getText(BoardKeys.notes)
    notes.insert(0, 'hello world')
    notes.insertEmbed(0, { image: 'x' })
    const opening = { seq: 2, data: Y.encodeStateAsUpdate(doc) }
    const log: Uint8Array[] = []
    doc.on('update', (u: Uint8Array) => log.push(u))
    notes.delete(7, 5)
    notes.insert(7, 'THERE')
    const built = buildSegment(
      opening,
      log.map((data, i) => ({ seq: 3 + i, at: i, data })),
      null,
      true,
    )
    if ('tooLarge' in built) throw new Error('not too large')
    const text = built.steps.reduce(
      (t, s) => (s.notes ? applyNotesOps(t, s.notes) : t),
      built.keyframe!.notes,
    )
    expect(text).toBe('\ufffchello THERE')
  })
})
