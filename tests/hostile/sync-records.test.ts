import { BoardKeys, CloseCode, readBoardSchema, writeBoardSchema } from '@mockboard/shared'
import { createBoardSchema } from '@mockboard/shared/boardSchema'
import { toRichText } from '@tldraw/tlschema'
import { describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'

import { textShape as recordText } from '../bench/replay/records.js'
import { useHarness } from '../helpers/harness.js'
import { openRaw, recordUpdate, syncStep1, syncUpdate } from '../helpers/rawSync.js'
import { createSession } from '../helpers/server.js'

const { server, client, onCleanup } = useHarness()

const base = {
  typeName: 'shape',
  x: 10,
  y: 20,
  rotation: 0,
  index: 'a1',
  parentId: 'page:page',
  isLocked: false,
  opacity: 1,
  meta: {},
}
const textShape = (id: string, richText: unknown) =>
  recordText('a1' as Parameters<typeof recordText>[0], 10, 20, richText, id) as unknown as {
    id: string
  } & Record<string, unknown>
const component = (id: string, replicas: number) => ({
  ...base,
  id,
  type: 'system-component',
  props: {
    kind: 'cache',
    label: 'Cache',
    technology: 'Redis',
    replicas,
    shardKey: '',
    notes: '',
    w: 184,
    h: 76,
  },
})

type Entry = { key: string; val: Record<string, unknown> }
const records = (doc: { getArray<T>(name: string): { toArray(): T[] } }) =>
  new Map(
    doc
      .getArray<Entry>(BoardKeys.records)
      .toArray()
      .map((e) => [e.key, e.val]),
  )

describe('board records are validated by the server', () => {
  it('stores and relays a valid record; refuses a record that breaks the schema with 4400, whole', async () => {
    const s = await server()
    const session = await createSession(s.url)
    const reader = client(s.syncUrl, session.id, 'board', session.tokens.observer)
    await reader.synced
    const good = await openRaw(s.syncUrl, session.id, 'board', session.tokens.candidate)
    onCleanup(() => good.ws.terminate())
    good.send(syncStep1())
    good.send(syncUpdate(recordUpdate(textShape('shape:ok', toRichText('hello')))))
    good.send(syncUpdate(recordUpdate(component('shape:cache', 3))))
    await vi.waitFor(() => expect(records(reader.doc).has('shape:cache')).toBe(true))
    expect(records(reader.doc).has('shape:ok')).toBe(true)
    const room = s.app.context.registry.peek(session.id, 'board')!
    await room.flush()
    const storedBefore = (await s.app.context.storage.listUpdates(session.id)).length

    for (const bad of [
      textShape('shape:bad', { type: 'doc', content: 5 }),
      // Valid by tldraw's schema check; drawing it throws (tldraw's error screen).
      textShape('shape:bad', { type: 'doc', content: [{ type: 'nope' }] }),
      textShape('shape:bad', { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text' }] }] }),
      component('shape:bad', 5000),
      { ...component('shape:bad', 1), type: 'no-such-shape' },
      { ...component('shape:bad', 1), typeName: 'instance_presence' },
      // Valid by the schema, but an arrow bound to itself is tldraw's error screen.
      {
        id: 'binding:bad',
        typeName: 'binding',
        type: 'arrow',
        fromId: 'shape:fine',
        toId: 'shape:fine',
        props: {
          terminal: 'start',
          normalizedAnchor: { x: 0.5, y: 0.5 },
          isExact: false,
          isPrecise: false,
          snap: 'none',
        },
        meta: {},
      },
    ]) {
      const attacker = await openRaw(s.syncUrl, session.id, 'board', session.tokens.candidate)
      onCleanup(() => attacker.ws.terminate())
      attacker.send(syncStep1())
      // One valid record and one invalid in the same update: the whole update is refused.
      const doc = recordUpdateOf([component('shape:fine', 2), bad])
      attacker.send(syncUpdate(doc))
      expect(await attacker.closed).toBe(CloseCode.malformed)
    }
    await room.flush()
    expect((await s.app.context.storage.listUpdates(session.id)).length).toBe(storedBefore)
    expect(records(room.doc).has('shape:bad')).toBe(false)
    expect(records(room.doc).has('binding:bad')).toBe(false)
    expect(records(room.doc).has('shape:fine')).toBe(false)
    expect(records(reader.doc).has('shape:bad')).toBe(false)
  })

  it('checks records written next to existing ones by a stock client, and leaves notes and other keys alone', async () => {
    const s = await server()
    const session = await createSession(s.url)
    const writer = client(s.syncUrl, session.id, 'board', session.tokens.candidate)
    const reader = client(s.syncUrl, session.id, 'board', session.tokens.interviewer)
    await Promise.all([writer.synced, reader.synced])
    const array = writer.doc.getArray<Entry>(BoardKeys.records)
    array.push([{ key: 'shape:a', val: component('shape:a', 1) }])
    writer.doc.getText(BoardKeys.notes).insert(0, 'notes still work')
    writer.doc.getMap('anything').set('else', 1)
    await vi.waitFor(() => {
      expect(records(reader.doc).has('shape:a')).toBe(true)
      expect(reader.doc.getText(BoardKeys.notes).toString()).toContain('notes still work')
      expect(reader.doc.getMap('anything').get('else')).toBe(1)
    })
    // Pushed after an existing entry: on the wire it names its neighbour, not the array.
    const closed = writer.nextClose()
    array.push([{ key: 'shape:b', val: component('shape:b', 0) }])
    expect(await closed).toBe(CloseCode.malformed)
    const room = s.app.context.registry.peek(session.id, 'board')!
    expect(records(room.doc).has('shape:b')).toBe(false)
  })

  it('refuses entries that are not { key, val } records', async () => {
    const s = await server()
    const session = await createSession(s.url)
    for (const junk of [5, { key: 'shape:x' }, { key: 'shape:y', val: component('shape:other', 1) }]) {
      const attacker = await openRaw(s.syncUrl, session.id, 'board', session.tokens.candidate)
      onCleanup(() => attacker.ws.terminate())
      attacker.send(syncStep1())
      attacker.send(syncUpdate(rawArrayUpdate(junk)))
      expect(await attacker.closed).toBe(CloseCode.malformed)
    }
  })
})

function recordUpdateOf(vals: Record<string, unknown>[]): Uint8Array {
  const doc = new Y.Doc()
  doc.getArray(BoardKeys.records).push(vals.map((val) => ({ key: val.id as string, val })))
  return Y.encodeStateAsUpdate(doc)
}

function rawArrayUpdate(entry: unknown): Uint8Array {
  const doc = new Y.Doc()
  doc.getArray(BoardKeys.records).push([entry])
  return Y.encodeStateAsUpdate(doc)
}

describe("the board's schema key", () => {
  it("takes this build's schema from a browser and refuses any other with 4400 (everyone's 'Incompatible board')", async () => {
    const s = await server()
    const session = await createSession(s.url)
    const writer = client(s.syncUrl, session.id, 'board', session.tokens.candidate)
    await writer.synced
    const ours = createBoardSchema().serialize()
    writeBoardSchema(writer.doc, ours)
    const room = s.app.context.registry.peek(session.id, 'board')!
    await vi.waitFor(async () => {
      await room.flush()
      expect(readBoardSchema(room.doc)).toEqual(ours)
    })
    for (const made of [
      { ...ours, sequences: { ...ours.sequences, 'com.tldraw.shape.arrow': 58 } },
      { ...ours, sequences: { ...ours.sequences, 'com.tldraw.shape.arrow': 0 } },
      'not a schema',
    ]) {
      const attacker = client(s.syncUrl, session.id, 'board', session.tokens.candidate)
      await attacker.synced
      const closed = attacker.nextClose()
      writeBoardSchema(attacker.doc, made)
      expect(await closed).toBe(CloseCode.malformed)
      attacker.destroy()
    }
    await room.flush()
    expect(readBoardSchema(room.doc)).toEqual(ours)
  })
})
