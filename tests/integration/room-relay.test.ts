import * as decoding from 'lib0/decoding'
import { describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'

import { useHarness } from '../helpers/harness.js'
import { outOfOrderEdit } from '../helpers/outOfOrderEdit.js'
import { openRaw, syncStep1, syncUpdate } from '../helpers/rawSync.js'
import { createSession, loadedRoom } from '../helpers/server.js'

const { server, onCleanup } = useHarness()

/** The update inside a sync frame ([0, step, varUint8Array]). */
function payload(frame: Buffer): Uint8Array {
  const decoder = decoding.createDecoder(new Uint8Array(frame.buffer, frame.byteOffset, frame.byteLength))
  decoding.readVarUint(decoder)
  decoding.readVarUint(decoder)
  return decoding.readVarUint8Array(decoder)
}

const isUpdate = (f: Buffer) => f[0] === 0 && f[1] === 2

/** Everything the log holds for the board, applied to a fresh doc. */
async function storedText(s: Awaited<ReturnType<ReturnType<typeof useHarness>['server']>>, id: string) {
  const stored = await s.app.context.storage.loadDoc(id, 'board')
  const doc = new Y.Doc()
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot.data)
  for (const u of stored.tail) Y.applyUpdate(doc, u.data)
  return {
    text: doc.getText('scratch').toString(),
    pending: doc.store.pendingStructs,
    rows: stored.tail.length,
  }
}

describe('what a room stores and relays', () => {
  it('is the update received, once: a repeat changes nothing and is neither stored nor relayed', async () => {
    const s = await server()
    const session = await createSession(s.url)
    const writer = await openRaw(s.syncUrl, session.id, 'board', session.tokens.candidate)
    const reader = await openRaw(s.syncUrl, session.id, 'board', session.tokens.observer)
    onCleanup(() => writer.ws.terminate())
    onCleanup(() => reader.ws.terminate())
    writer.send(syncStep1())
    reader.send(syncStep1())
    await vi.waitFor(() => expect(reader.frames.some((f) => f[0] === 0 && f[1] === 1)).toBe(true))

    const author = new Y.Doc()
    author.getText('scratch').insert(0, 'hello')
    const update = Y.encodeStateAsUpdate(author)
    writer.send(syncUpdate(update))
    await vi.waitFor(() => expect(reader.frames.filter(isUpdate)).toHaveLength(1))
    expect(payload(reader.frames.filter(isUpdate)[0]!)).toEqual(update)
    const room = s.app.context.registry.peek(session.id, 'board')!
    await room.flush()
    const before = await storedText(s, session.id)
    expect(before.text).toBe('hello')

    // The same bytes again, then a real edit: only the edit travels and is stored.
    writer.send(syncUpdate(update))
    const sv = Y.encodeStateVector(author)
    author.getText('scratch').insert(5, '!')
    writer.send(syncUpdate(Y.encodeStateAsUpdate(author, sv)))
    await vi.waitFor(() => expect(reader.frames.filter(isUpdate)).toHaveLength(2))
    await room.flush()
    const after = await storedText(s, session.id)
    expect(after.text).toBe('hello!')
    expect(after.rows).toBe(before.rows + 1)
  })

  it('stores what a late dependency completes, so the log alone rebuilds the edit sent before it', async () => {
    const s = await server()
    const session = await createSession(s.url)
    const { early, late, text } = outOfOrderEdit()
    const raw = await openRaw(s.syncUrl, session.id, 'board', session.tokens.candidate)
    onCleanup(() => raw.ws.terminate())
    raw.send(syncStep1())
    // The edit first: the server holds it as pending, stores and relays nothing of it yet.
    raw.send(syncUpdate(late))
    const room = await loadedRoom(s, session.id, 'board')
    await vi.waitFor(() => expect(room.doc.store.pendingStructs).not.toBeNull())
    raw.send(syncUpdate(early))
    await vi.waitFor(() => expect(room.doc.getText('scratch').toString()).toBe(text))
    await room.flush()
    const stored = await storedText(s, session.id)
    expect(stored.text).toBe(text)
    expect(stored.pending).toBeNull()
  })
})
