import { BoardKeys, CloseCode, openBoardRecords } from '@mockboard/shared'
import * as decoding from 'lib0/decoding'
import { describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'

import { componentShape } from '../bench/replay/records.js'
import { Rng } from '../bench/replay/rng.js'
import { encodeStructs } from '../helpers/encodeStructs.js'
import { useHarness } from '../helpers/harness.js'
import { outOfOrderEdit } from '../helpers/outOfOrderEdit.js'
import { openRaw, syncStep1, syncUpdate } from '../helpers/rawSync.js'
import { createSession, loadedRoom } from '../helpers/server.js'

const { server, client, onCleanup } = useHarness()

/** An update whose every struct builds on an item the server never received. */
function orphanUpdate(bytes: number): Uint8Array {
  const doc = new Y.Doc()
  const text = doc.getText('scratch')
  text.insert(0, 'root')
  const before = Y.encodeStateVector(doc)
  // Inserted inside 'root': each piece names it as its origin.
  for (let i = 0; i < bytes / 1000; i++) text.insert(2, 'z'.repeat(1000))
  return Y.encodeStateAsUpdate(doc, before)
}

/** The update inside a sync frame ([0, step, varUint8Array]). */
function readPayload(frame: Buffer): Uint8Array {
  const decoder = decoding.createDecoder(new Uint8Array(frame.buffer, frame.byteOffset, frame.byteLength))
  decoding.readVarUint(decoder)
  decoding.readVarUint(decoder)
  return decoding.readVarUint8Array(decoder)
}

describe('updates with missing dependencies', () => {
  /** The interviewer's board with one record, the room, an invalid record, and a candidate's raw socket. */
  async function interviewerAndAttacker() {
    const s = await server()
    const session = await createSession(s.url)
    const honest = client(s.syncUrl, session.id, 'board', session.tokens.interviewer)
    await honest.synced
    const rng = new Rng(5)
    const card = (id: string) => ({ ...componentShape(rng, 'a1' as never, 10, 20), id })
    const records = openBoardRecords(honest.doc)
    records.set('shape:first', card('shape:first'))
    const room = await loadedRoom(s, session.id, 'board')
    await vi.waitFor(() => expect(room.doc.getArray(BoardKeys.records).length).toBe(1))
    const bad = { key: 'shape:bad', val: { id: 'shape:bad', typeName: 'shape', type: 'no-such-shape' } }
    const attacker = await openRaw(s.syncUrl, session.id, 'board', session.tokens.candidate)
    onCleanup(() => attacker.ws.terminate())
    attacker.send(syncStep1())
    let closes = 0
    void honest.nextClose().then(() => closes++)
    return { honest, records, card, room, bad, attacker, closes: () => closes }
  }

  it("an invalid record parked at its own id's next clock but one: dropped when that id's next edit passes alone", async () => {
    // Parking claims the id for the parker's role: only that role can complete what waits.
    const s = await server()
    const session = await createSession(s.url)
    const sender = await openRaw(s.syncUrl, session.id, 'board', session.tokens.candidate)
    onCleanup(() => sender.ws.terminate())
    sender.send(syncStep1())
    const room = await loadedRoom(s, session.id, 'board')
    const rng = new Rng(5)
    const entry = (key: string) => ({ key, val: { ...componentShape(rng, 'a1' as never, 10, 20), id: key } })
    const bad = { key: 'shape:bad', val: { id: 'shape:bad', typeName: 'shape', type: 'no-such-shape' } }
    const id = 4242
    sender.send(syncUpdate(encodeStructs([[id, 1, [{ kind: 'any', origin: [id, 0], values: [bad] }]]])))
    await vi.waitFor(() => expect(room.doc.store.pendingStructs).not.toBeNull())
    // Another role may not complete it, nor write under the id at all.
    const other = await openRaw(s.syncUrl, session.id, 'board', session.tokens.interviewer)
    onCleanup(() => other.ws.terminate())
    other.send(syncStep1())
    other.send(
      syncUpdate(
        encodeStructs([[id, 0, [{ kind: 'any', parent: BoardKeys.records, values: [entry('shape:x')] }]]]),
      ),
    )
    expect(await other.closed).toBe(CloseCode.malformed)
    // The id's own edit at clock 0 would complete the invalid record: it goes through alone.
    sender.send(
      syncUpdate(
        encodeStructs([
          [id, 0, [{ kind: 'any', parent: BoardKeys.records, values: [entry('shape:first')] }]],
        ]),
      ),
    )
    await vi.waitFor(() => expect(room.doc.getArray(BoardKeys.records).length).toBe(1))
    expect(room.doc.store.pendingStructs).toBeNull()
    sender.send(
      syncUpdate(
        encodeStructs([[id, 1, [{ kind: 'any', origin: [id, 0], values: [entry('shape:second')] }]]]),
      ),
    )
    await vi.waitFor(() => expect(room.doc.getArray(BoardKeys.records).length).toBe(2))
    expect(await Promise.race([sender.closed, Promise.resolve('open')])).toBe('open')
  })

  it("waiting for another client's next edit: refused, so that edit is not checked with it", async () => {
    const { honest, records, card, room, bad, attacker, closes } = await interviewerAndAttacker()
    // An invalid record whose left neighbour is the interviewer's next clock, not made yet.
    const next = Y.getState(honest.doc.store, honest.doc.clientID)
    attacker.send(
      syncUpdate(
        encodeStructs([[5555, 0, [{ kind: 'any', origin: [honest.doc.clientID, next], values: [bad] }]]]),
      ),
    )
    expect(await attacker.closed).toBe(CloseCode.malformed)
    expect(room.doc.store.pendingStructs).toBeNull()
    // The interviewer's next edit goes through and reaches the room, on the same socket.
    records.set('shape:second', card('shape:second'))
    await vi.waitFor(() => expect(room.doc.getArray(BoardKeys.records).length).toBe(2))
    expect(closes()).toBe(0)
  })

  it('are refused with 4400 and never reach a later joiner', async () => {
    const s = await server({ config: { limits: { bytesPerSecond: 1e9, messagesPerSecond: 100_000 } } })
    const session = await createSession(s.url)
    const attacker = await openRaw(s.syncUrl, session.id, 'board', session.tokens.candidate)
    onCleanup(() => attacker.ws.terminate())
    attacker.send(syncStep1())
    attacker.send(syncUpdate(orphanUpdate(500_000)))
    expect(await attacker.closed).toBe(CloseCode.malformed)

    const joiner = await openRaw(s.syncUrl, session.id, 'board', session.tokens.observer)
    onCleanup(() => joiner.ws.terminate())
    joiner.send(syncStep1())
    // Sync step 1 then step 2 from the server: the seeded board only, a few kB.
    await vi.waitFor(() => expect(joiner.frames.filter((f) => f[0] === 0 && f[1] === 1)).toHaveLength(1))
    expect(joiner.received()).toBeLessThan(8_000)
    const room = s.app.context.registry.peek(session.id, 'board')!
    await room.flush()
    const stored = await s.app.context.storage.loadDoc(session.id, 'board')
    expect(stored.tail.every((u) => u.data.byteLength < 8_000)).toBe(true)
  })

  it('a few pending bytes are held back from joiners: the log does not have them', async () => {
    const s = await server()
    const session = await createSession(s.url)
    const raw = await openRaw(s.syncUrl, session.id, 'board', session.tokens.candidate)
    onCleanup(() => raw.ws.terminate())
    raw.send(syncStep1())
    raw.send(syncUpdate(orphanUpdate(2_000)))
    const room = await loadedRoom(s, session.id, 'board')
    await vi.waitFor(() => expect(room.doc.store.pendingStructs).not.toBeNull())
    const joiner = await openRaw(s.syncUrl, session.id, 'board', session.tokens.observer)
    onCleanup(() => joiner.ws.terminate())
    joiner.send(syncStep1())
    await vi.waitFor(() => expect(joiner.frames.filter((f) => f[0] === 0 && f[1] === 1)).toHaveLength(1))
    const doc = new Y.Doc()
    for (const f of joiner.frames.filter((f) => f[0] === 0 && f[1] !== 0)) Y.applyUpdate(doc, readPayload(f))
    expect(doc.store.pendingStructs).toBeNull()
    expect(joiner.frames.some((f) => f.includes('zzzz'))).toBe(false)
  })

  it('a small edit sent before its dependencies (a reconnect race) is kept and completes once they arrive', async () => {
    const s = await server()
    const session = await createSession(s.url)
    const { early, late, text } = outOfOrderEdit()
    const raw = await openRaw(s.syncUrl, session.id, 'board', session.tokens.candidate)
    onCleanup(() => raw.ws.terminate())
    raw.send(syncStep1())
    raw.send(syncUpdate(late))
    raw.send(syncUpdate(early))
    const reader = client(s.syncUrl, session.id, 'board', session.tokens.observer)
    await vi.waitFor(() => expect(reader.doc.getText('scratch').toString()).toBe(text))
    expect(await Promise.race([raw.closed, Promise.resolve('open')])).toBe('open')
  })
})
