import { BoardKeys, CloseCode, openBoardRecords } from '@mockboard/shared'
import { describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'

import { componentShape } from '../bench/replay/records.js'
import { Rng } from '../bench/replay/rng.js'
import { encodeStructs } from '../helpers/encodeStructs.js'
import { useHarness } from '../helpers/harness.js'
import { openRaw, syncStep1, syncUpdate } from '../helpers/rawSync.js'
import { createSession, loadedRoom } from '../helpers/server.js'

const { server, client, onCleanup } = useHarness()

/**
 * Yjs trusts the client id a struct names. A candidate who writes under the interviewer's id, at
 * its next clock, gets its struct kept and the interviewer's own edit at that clock dropped as a
 * copy — on the server and every peer, while the interviewer goes on seeing it. Each id belongs to
 * the role that introduced it.
 */
describe("structs under another role's client id", () => {
  async function interviewerAndCandidate() {
    const s = await server()
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
    const forged = { key: 'shape:forged', val: card('shape:forged') }
    attacker.send(
      syncUpdate(encodeStructs([[id, next, [{ kind: 'any', origin: [id, next - 1], values: [forged] }]]])),
    )
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
    const forged = { key: 'shape:forged', val: card('shape:forged') }
    early.send(
      syncUpdate(encodeStructs([[id, next, [{ kind: 'any', origin: [id, next - 1], values: [forged] }]]])),
    )
    expect(await early.closed).toBe(CloseCode.malformed)
    records.set('shape:second', card('shape:second'))
    honest.provider.connect()
    const reader = client(s.syncUrl, session.id, 'board', session.tokens.observer)
    await vi.waitFor(() =>
      expect([...openBoardRecords(reader.doc).map.keys()].sort()).toEqual(['shape:first', 'shape:second']),
    )
  })
})
