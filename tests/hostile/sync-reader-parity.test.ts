import { BoardKeys, CloseCode } from '@mockboard/shared'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'

import { componentShape } from '../bench/replay/records.js'
import { Rng } from '../bench/replay/rng.js'
import { encodeStructs } from '../helpers/encodeStructs.js'
import { useHarness } from '../helpers/harness.js'
import { openRaw, recordUpdate, syncStep1, syncUpdate } from '../helpers/rawSync.js'
import { createSession } from '../helpers/server.js'

const { server, client, onCleanup } = useHarness()

const rng = new Rng(7)
const card = (id: string) => ({ ...componentShape(rng, 'a1' as never, 10, 20), id })

/** `value` with an own, enumerable `__proto__` property: lib0's writeAny writes it as a key. */
function withProtoKey(value: Record<string, unknown>, proto: unknown): Record<string, unknown> {
  return Object.defineProperty(value, '__proto__', { value: proto, enumerable: true })
}

describe('updates the gate would read otherwise than Yjs applies them', () => {
  it('refuses an update that lists a client twice (Yjs keeps only the last list), 4400', async () => {
    const s = await server()
    const session = await createSession(s.url)
    const reader = client(s.syncUrl, session.id, 'board', session.tokens.observer)
    await reader.synced
    const raw = await openRaw(s.syncUrl, session.id, 'board', session.tokens.candidate)
    onCleanup(() => raw.ws.terminate())
    raw.send(syncStep1())
    const stored = (await s.app.context.storage.listUpdates(session.id)).length
    const bad = { key: 'shape:bad', val: { id: 'shape:bad', typeName: 'shape', type: 'no-such-shape' } }
    // The gate read the first list of 1111 (deleted content elsewhere) for where 2222's values go.
    raw.send(
      syncUpdate(
        encodeStructs([
          [1111, 0, [{ kind: 'deleted', parent: 'elsewhere', len: 10 }]],
          [1111, 0, [{ kind: 'deleted', parent: BoardKeys.records, len: 10 }]],
          [2222, 0, [{ kind: 'any', origin: [1111, 5], values: [bad, 'x'] }]],
        ]),
      ),
    )
    expect(await raw.closed).toBe(CloseCode.malformed)
    const room = s.app.context.registry.peek(session.id, 'board')!
    await room.flush()
    expect(room.doc.getArray(BoardKeys.records).length).toBe(0)
    expect(await s.app.context.storage.listUpdates(session.id)).toHaveLength(stored)
  })

  it('refuses a value with a "__proto__" key at any depth, 4400; the board stays readable', async () => {
    const s = await server()
    const session = await createSession(s.url)
    const reader = client(s.syncUrl, session.id, 'board', session.tokens.observer)
    await reader.synced
    // An entry whose prototype would be a Uint8Array (every encode of the doc threw after it), and
    // the same key one level down, in a record's meta.
    const top = withProtoKey({ key: 'shape:p', val: card('shape:p') }, new Uint8Array([1, 2, 3]))
    const nested = { key: 'shape:q', val: { ...card('shape:q'), meta: withProtoKey({}, [1]) } }
    for (const [clientId, value] of [
      [5151, top],
      [5252, nested],
    ] as const) {
      const raw = await openRaw(s.syncUrl, session.id, 'board', session.tokens.candidate)
      onCleanup(() => raw.ws.terminate())
      raw.send(syncStep1())
      raw.send(
        syncUpdate(
          encodeStructs([[clientId, 0, [{ kind: 'any', parent: BoardKeys.records, values: [value] }]]]),
        ),
      )
      expect(await raw.closed).toBe(CloseCode.malformed)
    }
    // An honest writer after it: stored, relayed, and the doc still encodes.
    const honest = await openRaw(s.syncUrl, session.id, 'board', session.tokens.candidate)
    onCleanup(() => honest.ws.terminate())
    honest.send(syncStep1())
    honest.send(syncUpdate(recordUpdate(card('shape:h'), 9000)))
    await expect
      .poll(() =>
        reader.doc
          .getArray(BoardKeys.records)
          .toArray()
          .map((e) => (e as { key: string }).key),
      )
      .toContain('shape:h')
    const room = s.app.context.registry.peek(session.id, 'board')!
    expect(() => Y.encodeStateAsUpdate(room.doc)).not.toThrow()
    const keys = reader.doc
      .getArray(BoardKeys.records)
      .toArray()
      .map((e) => (e as { key: string }).key)
    expect(keys).toEqual(['shape:h'])
  })
})
