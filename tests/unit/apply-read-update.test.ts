import { boardRecordsArray, openBoardRecords } from '@mockboard/shared'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'

import { applyReadUpdate, forgetRead, readUpdate } from '../../server/src/sync/readUpdateV1.js'
import { shapeRecord } from '../bench/record.js'
import { randomEditUpdates } from '../helpers/randomEdits.js'

/** Applies `update` to `doc` as the room does after the gate read it. */
function readThenApply(doc: Y.Doc, update: Uint8Array) {
  const read = readUpdate(update)
  doc.transact(() => applyReadUpdate(doc, update, 'peer'), 'peer')
  return read
}

/** A subdocument draws a random client id as it loads: compared by its guid. */
const plain = (value: unknown): unknown =>
  value instanceof Y.Doc
    ? { subdoc: value.guid }
    : Array.isArray(value)
      ? value.map(plain)
      : value && typeof value === 'object' && !(value instanceof Uint8Array)
        ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]))
        : value

/** The roots randomEdits writes, and the board's records. */
const json = (doc: Y.Doc) =>
  plain({
    m: doc.getMap('m').toJSON(),
    a: doc.getArray('a').toJSON(),
    t: doc.getText('t').toDelta(),
    x: doc.getXmlFragment('x').toJSON(),
    records: boardRecordsArray(doc).toJSON(),
  })

const same = (a: Y.Doc, b: Y.Doc) => {
  expect(Y.encodeStateAsUpdate(a)).toEqual(Y.encodeStateAsUpdate(b))
  expect(json(a)).toEqual(json(b))
}

describe('applying an update with the values the gate read from it', () => {
  it('builds the doc Yjs builds, for random edits of every content type', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const { source, updates } = randomEditUpdates(seed, 30)
      const ours = new Y.Doc()
      const stock = new Y.Doc()
      for (const u of updates) {
        readThenApply(ours, u)
        Y.applyUpdate(stock, u)
      }
      same(ours, stock)
      same(ours, source)
    }
  })

  it('puts into the doc the very values the gate checked', () => {
    const client = new Y.Doc()
    const records = openBoardRecords<ReturnType<typeof shapeRecord>>(client)
    const server = new Y.Doc()
    const sent: Uint8Array[] = []
    client.on('update', (u: Uint8Array) => sent.push(u))
    for (let i = 0; i < 3; i++) records.set('shape:1-0', shapeRecord(1, i, 0))
    let checked: unknown[] = []
    for (const u of sent) checked = readThenApply(server, u).structs.flatMap((s) => s.values ?? [])
    const live = openBoardRecords(server)
    expect(live.get('shape:1-0')).toEqual(shapeRecord(1, 2, 0))
    // The entry now in the doc is the object the gate read, not a copy decoded again.
    const entry = boardRecordsArray(server).toArray().at(-1)
    expect(checked).toContain(entry)
    same(server, client)
  })

  it('decodes as Yjs does when the update read last was another one', () => {
    const client = new Y.Doc()
    client.getMap('m').set('a', { deep: ['x', 1, null] })
    const update = Y.encodeStateAsUpdate(client)
    const read = readUpdate(update.slice()) // the same bytes, another array
    const doc = new Y.Doc()
    doc.transact(() => applyReadUpdate(doc, update, 'peer'))
    expect(doc.getMap('m').get('a')).toEqual({ deep: ['x', 1, null] })
    expect(read.structs[0]!.values).not.toContain(doc.getMap('m').get('a'))
    // Forgotten (the gate refused it): decoded afresh.
    const forgotten = readUpdate(update)
    forgetRead()
    const fresh = new Y.Doc()
    applyReadUpdate(fresh, update, null)
    expect(fresh.getMap('m').get('a')).toEqual({ deep: ['x', 1, null] })
    expect(forgotten.structs[0]!.values).not.toContain(fresh.getMap('m').get('a'))
    // Read once: a second apply of the same bytes decodes them itself.
    readUpdate(update)
    const twice = new Y.Doc()
    applyReadUpdate(twice, update, null)
    applyReadUpdate(twice, update, null)
    same(twice, client)
  })
})
