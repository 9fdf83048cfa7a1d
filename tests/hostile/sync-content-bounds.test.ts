import { BoardKeys, CloseCode, openBoardRecords } from '@mockboard/shared'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'

import { componentShape } from '../bench/replay/records.js'
import { Rng } from '../bench/replay/rng.js'
import { encodeStructs } from '../helpers/encodeStructs.js'
import { useHarness } from '../helpers/harness.js'
import { openRaw, syncStep1, syncUpdate } from '../helpers/rawSync.js'
import { createSession } from '../helpers/server.js'

const { server, client, onCleanup } = useHarness()

const rng = new Rng(11)
const card = (id: string) => ({ ...componentShape(rng, 'a1' as never, 10, 20), id })

/** A session with an honest interviewer who has put `count` cards on the board. */
async function boardWith(count: number) {
  const s = await server()
  const session = await createSession(s.url)
  const honest = client(s.syncUrl, session.id, 'board', session.tokens.interviewer)
  await honest.synced
  const kv = openBoardRecords(honest.doc)
  honest.doc.transact(() => {
    for (let i = 0; i < count; i++) kv.set(`shape:c${i}`, card(`shape:c${i}`))
  })
  const room = () => s.app.context.registry.peek(session.id, 'board')!
  await expect.poll(() => room()?.doc.getArray(BoardKeys.records).length, { timeout: 10_000 }).toBe(count)
  /** Sends one update as the candidate and resolves with the close code. */
  const attack = async (update: Uint8Array) => {
    const raw = await openRaw(s.syncUrl, session.id, 'board', session.tokens.candidate)
    onCleanup(() => raw.ws.terminate())
    raw.send(syncStep1())
    raw.send(syncUpdate(update))
    return raw.closed
  }
  return { s, session, honest, kv, room, attack }
}

describe('content the gate bounds before Yjs stores it', () => {
  it('refuses JSON content nested deeper than any value may be, 4400; the doc still encodes', async () => {
    const { room, attack, kv } = await boardWith(1)
    // 20,000 levels in 40 KB, into a root the gate does not otherwise check: once stored, every
    // encode of the doc overflowed the stack, for each joiner and after a restart.
    const deep = '['.repeat(20_000) + ']'.repeat(20_000)
    expect(await attack(encodeStructs([[6060, 0, [{ kind: 'json', parent: 'junk', json: [deep] }]]]))).toBe(
      CloseCode.malformed,
    )
    expect(() => Y.encodeStateAsUpdate(room().doc)).not.toThrow()
    expect(room().doc.share.has('junk')).toBe(false)
    // The honest editor's next edit still arrives.
    kv.set('shape:after', card('shape:after'))
    await expect.poll(() => room().doc.getArray(BoardKeys.records).length, { timeout: 10_000 }).toBe(2)
  })

  it('refuses JSON content with a "__proto__" key, 4400, as it refuses such an any value', async () => {
    const { room, attack } = await boardWith(1)
    const record = { key: 'shape:j', val: { ...card('shape:j'), meta: {} } }
    const text = JSON.stringify(record).replace('"meta":{}', '"meta":{"__proto__":{"a":1}}')
    expect(text).toContain('__proto__')
    const update = encodeStructs([[6161, 0, [{ kind: 'json', parent: BoardKeys.records, json: [text] }]]])
    expect(await attack(update)).toBe(CloseCode.malformed)
    expect(room().doc.getArray(BoardKeys.records).length).toBe(1)
  })

  it('refuses deletion ranges that repeat, overlap or go backwards (Yjs writes them sorted and merged), 4400', async () => {
    const { room, attack, honest, kv } = await boardWith(50)
    const victim = honest.doc.clientID
    const state = Y.getState(honest.doc.store, victim)
    for (const [i, ranges] of [
      [
        0,
        [
          [victim, 0, state],
          [victim, 0, state],
        ],
      ], // the same range twice
      [
        1,
        [
          [victim, 0, 10],
          [victim, 5, 10],
        ],
      ], // overlapping
      [
        2,
        [
          [victim, 10, 5],
          [victim, 0, 5],
        ],
      ], // backwards
    ] as Array<[number, Array<[number, number, number]>]>) {
      const update = encodeStructs([[7000 + i, 0, [{ kind: 'any', parent: 'junk', len: 1 }]]], ranges)
      expect(await attack(update)).toBe(CloseCode.malformed)
    }
    expect(room().doc.getArray(BoardKeys.records).length).toBe(50)
    // Yjs' own deletions (sorted, merged, several ranges of one client) still go through.
    honest.doc.transact(() => {
      for (let i = 0; i < 50; i += 2) kv.delete(`shape:c${i}`)
    })
    await expect.poll(() => room().doc.getArray(BoardKeys.records).length, { timeout: 10_000 }).toBe(25)
  })
})
