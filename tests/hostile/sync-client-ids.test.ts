import { BoardKeys, CloseCode, openBoardRecords } from '@mockboard/shared'
import * as encoding from 'lib0/encoding'
import { describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'

import { componentShape } from '../bench/replay/records.js'
import { Rng } from '../bench/replay/rng.js'
import { encodeStructs } from '../helpers/encodeStructs.js'
import { structAtClock } from '../helpers/forgeStruct.js'
import { useHarness } from '../helpers/harness.js'
import { outOfOrderEdit } from '../helpers/outOfOrderEdit.js'
import { openRaw, syncStep1, syncUpdate } from '../helpers/rawSync.js'
import { createSession, loadedRoom, startServer } from '../helpers/server.js'
import { connectClient } from '../helpers/yclient.js'

const { server, client, onCleanup } = useHarness()

/** An awareness message for one client id: [1, varUint8Array([1, id, clock, json])]. */
function awarenessFrame(id: number, clock: number, json: Uint8Array): Uint8Array {
  const body = encoding.createEncoder()
  encoding.writeVarUint(body, 1)
  encoding.writeVarUint(body, id)
  encoding.writeVarUint(body, clock)
  encoding.writeVarString(body, new TextDecoder().decode(json))
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, 1)
  encoding.writeVarUint8Array(e, encoding.toUint8Array(body))
  return encoding.toUint8Array(e)
}

/**
 * Yjs trusts the client id a struct names. A candidate who writes under the interviewer's id, at
 * its next clock, gets its struct kept and the interviewer's own edit at that clock dropped as a
 * copy — on the server and every peer, while the interviewer goes on seeing it. Each id belongs to
 * the role that introduced it.
 */
describe("structs under another role's client id", () => {
  async function interviewerAndCandidate(config?: Parameters<typeof server>[0]) {
    const s = await server(config)
    const session = await createSession(s.url)
    const honest = client(s.syncUrl, session.id, 'board', session.tokens.interviewer)
    await honest.synced
    const rng = new Rng(7)
    const card = (id: string) => ({ ...componentShape(rng, 'a1' as never, 10, 20), id })
    const records = openBoardRecords(honest.doc)
    const room = await loadedRoom(s, session.id, 'board')
    const attacker = await openRaw(s.syncUrl, session.id, 'board', session.tokens.candidate)
    onCleanup(() => attacker.ws.terminate())
    attacker.send(syncStep1())
    let closes = 0
    void honest.nextClose().then(() => closes++)
    const keys = () =>
      room.doc
        .getArray<{ key: string }>(BoardKeys.records)
        .toArray()
        .map((e) => e.key)
        .sort()
    return { s, session, honest, records, card, room, attacker, keys, closes: () => closes }
  }

  it("at the interviewer's next clock: refused, and the interviewer's edit at that clock is kept", async () => {
    const { s, session, honest, records, card, attacker, keys, closes } = await interviewerAndCandidate()
    records.set('shape:first', card('shape:first'))
    await vi.waitFor(() => expect(keys()).toEqual(['shape:first']))
    const id = honest.doc.clientID
    const next = Y.getState(honest.doc.store, id)
    attacker.send(structAtClock(id, next, { key: 'shape:forged', val: card('shape:forged') }))
    expect(await attacker.closed).toBe(CloseCode.malformed)
    // The interviewer's next edit takes that clock: it reaches the room and a later reader.
    records.set('shape:second', card('shape:second'))
    await vi.waitFor(() => expect(keys()).toEqual(['shape:first', 'shape:second']))
    const reader = client(s.syncUrl, session.id, 'board', session.tokens.observer)
    await reader.synced
    expect([...openBoardRecords(reader.doc).map.keys()].sort()).toEqual(['shape:first', 'shape:second'])
    expect(closes()).toBe(0)
  })

  it("before the interviewer's first edit, its id known from its awareness: refused", async () => {
    const { honest, records, card, room, attacker, keys, closes } = await interviewerAndCandidate()
    const id = honest.doc.clientID
    // The provider announces its doc's id on connecting: that is where a link holder learns it.
    await vi.waitFor(() => expect([...room.peers].some((p) => p.awarenessIds.has(id))).toBe(true))
    const forged = { key: 'shape:forged', val: card('shape:forged') }
    attacker.send(
      syncUpdate(encodeStructs([[id, 0, [{ kind: 'any', parent: BoardKeys.records, values: [forged] }]]])),
    )
    expect(await attacker.closed).toBe(CloseCode.malformed)
    records.set('shape:first', card('shape:first'))
    await vi.waitFor(() => expect(keys()).toEqual(['shape:first']))
    expect(closes()).toBe(0)
  })

  it('the same role keeps its ids: a reconnect with offline edits, a second tab, the other role beside them', async () => {
    const { s, session, honest, records, card, keys, attacker } = await interviewerAndCandidate()
    attacker.ws.terminate()
    records.set('shape:first', card('shape:first'))
    await vi.waitFor(() => expect(keys()).toEqual(['shape:first']))
    honest.provider.disconnect()
    records.set('shape:offline', card('shape:offline'))
    honest.provider.connect()
    // A second interviewer tab deletes the first tab's record: a deletion names no new structs.
    const tab = client(s.syncUrl, session.id, 'board', session.tokens.interviewer)
    await tab.synced
    const candidate = client(s.syncUrl, session.id, 'board', session.tokens.candidate)
    await candidate.synced
    openBoardRecords(candidate.doc).set('shape:candidate', card('shape:candidate'))
    await vi.waitFor(() => expect(keys()).toEqual(['shape:candidate', 'shape:first', 'shape:offline']))
    openBoardRecords(tab.doc).delete('shape:first')
    await vi.waitFor(() => expect(keys()).toEqual(['shape:candidate', 'shape:offline']))
    await vi.waitFor(() =>
      expect([...records.map.keys()].sort()).toEqual(['shape:candidate', 'shape:offline']),
    )
  })

  it("the claims outlive the room: after everyone left, the first to come back cannot take the others' ids", async () => {
    const { s, session, honest, records, card, attacker, keys } = await interviewerAndCandidate()
    attacker.ws.terminate()
    records.set('shape:first', card('shape:first'))
    await vi.waitFor(() => expect(keys()).toEqual(['shape:first']))
    const id = honest.doc.clientID
    const next = Y.getState(honest.doc.store, id)
    honest.provider.disconnect()
    await vi.waitFor(() => expect(s.app.context.registry.peek(session.id, 'board')).toBeUndefined())
    // The candidate comes back first, to a room loaded afresh, and writes at the interviewer's next clock.
    const early = await openRaw(s.syncUrl, session.id, 'board', session.tokens.candidate)
    onCleanup(() => early.ws.terminate())
    early.send(syncStep1())
    early.send(structAtClock(id, next, { key: 'shape:forged', val: card('shape:forged') }))
    expect(await early.closed).toBe(CloseCode.malformed)
    records.set('shape:second', card('shape:second'))
    honest.provider.connect()
    const reader = client(s.syncUrl, session.id, 'board', session.tokens.observer)
    await vi.waitFor(() =>
      expect([...openBoardRecords(reader.doc).map.keys()].sort()).toEqual(['shape:first', 'shape:second']),
    )
  })

  it("a pile of pending bytes one role parked does not get the other role's reconnect refused", async () => {
    const allowance = 4096
    const { s, session, attacker } = await interviewerAndCandidate({
      config: { limits: { maxPendingBytes: allowance } },
    })
    // Under the candidate's own new id, waiting for its clock 0 for good: the pending allowance,
    // all but 10 bytes of it.
    const piled = (n: number) =>
      encodeStructs([[9191, 1, [{ kind: 'str', origin: [9191, 0], str: 'x'.repeat(n) }]]])
    const pile = piled(allowance - 10 - (piled(0).byteLength + 1))
    expect(pile.byteLength).toBe(allowance - 10)
    attacker.send(syncUpdate(pile))
    const room = await loadedRoom(s, session.id, 'board')
    await vi.waitFor(() => expect(room.doc.store.pendingStructs).not.toBeNull())
    // The interviewer's edit sent before its own earlier one (a reconnect race) waits and completes.
    const { early, late, text } = outOfOrderEdit()
    const raw = await openRaw(s.syncUrl, session.id, 'board', session.tokens.interviewer)
    onCleanup(() => raw.ws.terminate())
    raw.send(syncStep1())
    raw.send(syncUpdate(late))
    raw.send(syncUpdate(early))
    await vi.waitFor(() => expect(room.doc.getText('scratch').toString()).toBe(text))
    expect(await Promise.race([raw.closed, Promise.resolve('open')])).toBe('open')
  })

  it('the claims outlive a restart: the first to come back cannot take the ids in the log', async () => {
    const first = await startServer()
    const session = await createSession(first.url)
    const honest = connectClient(first.syncUrl, session.id, 'board', session.tokens.interviewer)
    await honest.synced
    const rng = new Rng(3)
    const card = (id: string) => ({ ...componentShape(rng, 'a1' as never, 10, 20), id })
    openBoardRecords(honest.doc).set('shape:first', card('shape:first'))
    const room = await loadedRoom(first, session.id, 'board')
    await vi.waitFor(() => expect(Y.getState(room.doc.store, honest.doc.clientID)).toBeGreaterThan(0))
    // A reconnect race: an edit that waits for a moment for the one before it, then completes.
    const { early, late } = outOfOrderEdit()
    const raced = Y.decodeUpdate(late).structs[0]!.id.client
    const raw = await openRaw(first.syncUrl, session.id, 'board', session.tokens.interviewer)
    raw.send(syncStep1())
    raw.send(syncUpdate(late))
    raw.send(syncUpdate(early))
    await vi.waitFor(() => expect(room.doc.getText('scratch').toString()).toBe('offline edit'))
    raw.ws.terminate()
    honest.destroy()
    await first.close({ keepData: true })
    const second = await server({ dataDir: first.dataDir })
    const forge = async (id: number, next: number) => {
      const attacker = await openRaw(second.syncUrl, session.id, 'board', session.tokens.candidate)
      onCleanup(() => attacker.ws.terminate())
      attacker.send(syncStep1())
      attacker.send(structAtClock(id, next, { key: 'shape:forged', val: card('shape:forged') }))
      return attacker.closed
    }
    expect(await forge(honest.doc.clientID, Y.getState(honest.doc.store, honest.doc.clientID))).toBe(
      CloseCode.malformed,
    )
    expect(await forge(raced, 'offline edit'.length)).toBe(CloseCode.malformed)
  })

  it("while one role's pile waits, the other's completed reconnects do not add up to its allowance", async () => {
    const allowance = 4096
    const { s, session, attacker } = await interviewerAndCandidate({
      config: { limits: { maxPendingBytes: allowance } },
    })
    // One struct that applies (under 8181), one that waits for good (under 9191).
    attacker.send(
      syncUpdate(
        encodeStructs([
          [8181, 0, [{ kind: 'str', parent: 'elsewhere', str: 'p' }]],
          [9191, 1, [{ kind: 'str', origin: [9191, 0], str: 'pile' }]],
        ]),
      ),
    )
    const room = await loadedRoom(s, session.id, 'board')
    await vi.waitFor(() => expect(room.doc.store.pendingStructs).not.toBeNull())
    // Structs that only wait are never stored: their ids' roles are not recorded either (else a
    // pile under new ids each time would grow the records without bound).
    await vi.waitFor(async () =>
      expect((await s.app.context.storage.loadClientIds(session.id, 'board')).get(8181)).toBe('candidate'),
    )
    expect((await s.app.context.storage.loadClientIds(session.id, 'board')).has(9191)).toBe(false)
    const raw = await openRaw(s.syncUrl, session.id, 'board', session.tokens.interviewer)
    onCleanup(() => raw.ws.terminate())
    raw.send(syncStep1())
    // Three reconnect races of 1.5 KB each (4.5 KB in all): each waits for a moment, and completes.
    let expected = ''
    for (let round = 0; round < 3; round++) {
      const author = new Y.Doc()
      const text = author.getText('scratch')
      text.insert(0, `offline ${round} `)
      const early = Y.encodeStateAsUpdate(author)
      const sv = Y.encodeStateVector(author)
      text.insert(text.length, 'x'.repeat(1500))
      raw.send(syncUpdate(Y.encodeStateAsUpdate(author, sv)))
      raw.send(syncUpdate(early))
      expected = `offline ${round} ${'x'.repeat(1500)}${expected}`
      await vi.waitFor(() => expect(room.doc.getText('scratch').length).toBe(expected.length))
    }
    expect(room.doc.store.pendingStructs).not.toBeNull()
    expect(await Promise.race([raw.closed, Promise.resolve('open')])).toBe('open')
    // The candidate's own pile still counts against its allowance: more of it is refused.
    const more = (n: number) =>
      encodeStructs([[9191, 5, [{ kind: 'str', origin: [9191, 4], str: 'x'.repeat(n) }]]])
    // Its pile and this one pass the allowance together, and this one alone does not.
    const next = more(allowance - 10 - (more(0).byteLength + 1))
    expect(next.byteLength).toBe(allowance - 10)
    attacker.send(syncUpdate(next))
    expect(await attacker.closed).toBe(CloseCode.malformed)
  })

  it("the interviewer's id may not be taken in awareness while its state is gone (a reconnect)", async () => {
    const { honest, room, attacker } = await interviewerAndCandidate()
    const id = honest.doc.clientID
    // As a browser does: a state of its own (a y-websocket client's first, empty one is clock 0, which nobody applies).
    honest.provider.awareness.setLocalStateField('user', { name: 'Interviewer' })
    await vi.waitFor(() => expect(room.presence.awareness.getStates().has(id)).toBe(true))
    honest.provider.disconnect()
    await vi.waitFor(() => expect(room.presence.awareness.getStates().has(id)).toBe(false))
    // The candidate announces the interviewer's id, with a clock far ahead, as the interviewer is away.
    const state = new TextEncoder().encode(JSON.stringify({ user: { name: 'Interviewer' } }))
    attacker.send(awarenessFrame(id, 1_000_000, state))
    // A frame of its own id after it: once that is in, the forged one was read (and dropped) before it.
    attacker.send(awarenessFrame(31337, 1, state))
    await vi.waitFor(() => expect(room.presence.awareness.getStates().has(31337)).toBe(true))
    expect(room.presence.awareness.getStates().has(id)).toBe(false)
    honest.provider.connect()
    // Its next state (a cursor move) is its own again, under its role.
    await vi.waitFor(() => expect(honest.provider.wsconnected).toBe(true))
    honest.provider.awareness.setLocalStateField('cursor', { x: 1, y: 2 })
    await vi.waitFor(() =>
      expect((room.presence.awareness.getStates().get(id) as { role?: string } | undefined)?.role).toBe(
        'interviewer',
      ),
    )
  })

  it("records an announced id's role before any edit, for the interviewer and the candidate, never an observer's", async () => {
    const s = await server()
    const session = await createSession(s.url)
    const [interviewer, candidate, observer] = (['interviewer', 'candidate', 'observer'] as const).map(
      (role) => client(s.syncUrl, session.id, 'board', session.tokens[role]),
    )
    await Promise.all([interviewer!.synced, candidate!.synced, observer!.synced])
    for (const c of [interviewer!, candidate!, observer!])
      c.provider.awareness.setLocalStateField('user', { name: 'x' })
    const ids = () => s.app.context.storage.loadClientIds(session.id, 'board')
    await vi.waitFor(async () =>
      expect(await ids()).toEqual(
        new Map([
          [interviewer!.doc.clientID, 'interviewer'],
          [candidate!.doc.clientID, 'candidate'],
        ]),
      ),
    )
    const room = await loadedRoom(s, session.id, 'board')
    await vi.waitFor(() => expect(room.presence.awareness.getStates().has(observer!.doc.clientID)).toBe(true))
    expect((await ids()).has(observer!.doc.clientID)).toBe(false)
  })
})
