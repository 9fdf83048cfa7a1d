import { BoardKeys, boardRecordsArray, CloseCode, isRecordEntry, openBoardRecords } from '@mockboard/shared'
import type { IndexKey, TLRecord } from 'tldraw'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'

import { ShapeNesting } from '../../server/src/sync/ShapeNesting.js'
import { componentShape } from '../bench/replay/records.js'
import { Rng } from '../bench/replay/rng.js'
import { useHarness } from '../helpers/harness.js'
import { openRaw, syncStep1, syncUpdate } from '../helpers/rawSync.js'
import { createSession } from '../helpers/server.js'

const { server, client, onCleanup } = useHarness()

const rng = new Rng(1)
/** A system component card inside `parentId` (a page or another shape). */
const card = (id: string, parentId: string) =>
  ({ ...componentShape(rng, 'a1' as IndexKey, 10, 10), id, parentId }) as TLRecord & { parentId: string }
type Card = ReturnType<typeof card>

/** `n` cards, each inside the one before, the first inside `parentId`: ids `<prefix>0` … */
const chain = (prefix: string, n: number, parentId = 'page:page'): Card[] =>
  Array.from({ length: n }, (_, i) =>
    card(`shape:${prefix}${i}`, i === 0 ? parentId : `shape:${prefix}${i - 1}`),
  )

const entries = (cards: Card[]) => cards.map((val) => ({ key: val.id, val }))

describe('board shapes nest at most MOCKBOARD_MAX_SHAPE_DEPTH deep, and never in a cycle', () => {
  it('admits a chain up to the cap from a stock client; refuses one level more, a deep chain and a cycle with 4400', async () => {
    const s = await server({ config: { limits: { maxShapeDepth: 8 } } })
    const session = await createSession(s.url)
    const writer = client(s.syncUrl, session.id, 'board', session.tokens.candidate)
    await writer.synced
    const records = openBoardRecords<Card>(writer.doc)
    writer.doc.transact(() => {
      for (const c of chain('f', 8)) records.set(c.id, c)
    })
    const room = async () => {
      const r = s.app.context.registry.peek(session.id, 'board')!
      await r.flush()
      return openBoardRecords<Card>(r.doc)
    }
    await expect.poll(async () => (await room()).has('shape:f7')).toBe(true)

    // One level more, from the same stock client: refused, and not in the room.
    const closed = writer.nextClose()
    records.set('shape:deeper', card('shape:deeper', 'shape:f7'))
    expect(await closed).toBe(CloseCode.malformed)
    expect((await room()).has('shape:deeper')).toBe(false)

    // A chain of 300 in one update, and two shapes that are each other's parent.
    for (const bad of [chain('deep', 300), [card('shape:a', 'shape:b'), card('shape:b', 'shape:a')]]) {
      const attacker = await openRaw(s.syncUrl, session.id, 'board', session.tokens.candidate)
      onCleanup(() => attacker.ws.terminate())
      attacker.send(syncStep1())
      const doc = new Y.Doc()
      doc.getArray(BoardKeys.records).push(entries(bad))
      attacker.send(syncUpdate(Y.encodeStateAsUpdate(doc)))
      expect(await attacker.closed).toBe(CloseCode.malformed)
    }
    const after = await room()
    expect(after.has('shape:deep0')).toBe(false)
    expect(after.has('shape:a')).toBe(false)
    // Moving a card up a level is fine (its old depth no longer counts).
    const mover = client(s.syncUrl, session.id, 'board', session.tokens.interviewer)
    await mover.synced
    openBoardRecords<Card>(mover.doc).set('shape:f7', card('shape:f7', 'shape:f5'))
    await expect.poll(async () => (await room()).get('shape:f7')?.parentId).toBe('shape:f5')
    openBoardRecords<Card>(mover.doc).set('shape:g', card('shape:g', 'shape:f7'))
    await expect.poll(async () => (await room()).has('shape:g')).toBe(true)
  })

  it('counts every live entry of a shape: an older parent kept aside cannot close a cycle later', async () => {
    const s = await server({ config: { limits: { maxShapeDepth: 8 } } })
    const session = await createSession(s.url)
    /** An attacker writing the records array by hand, sending each change as its own update. */
    const attacker = async () => {
      const raw = await openRaw(s.syncUrl, session.id, 'board', session.tokens.candidate)
      onCleanup(() => raw.ws.terminate())
      raw.send(syncStep1())
      const doc = new Y.Doc()
      const array = doc.getArray<unknown>(BoardKeys.records)
      let sent = Y.encodeStateVector(doc)
      const send = (change: () => void) => {
        doc.transact(change)
        raw.send(syncUpdate(Y.encodeStateAsUpdate(doc, sent)))
        sent = Y.encodeStateVector(doc)
      }
      return { raw, array, send }
    }
    /** Each live entry's parent for `id` in the room, in array order (the last one is read). */
    const parents = async (id: string) => {
      const room = s.app.context.registry.peek(session.id, 'board')!
      await room.flush()
      return boardRecordsArray(room.doc)
        .toArray()
        .filter((e) => isRecordEntry(e) && e.key === id)
        .map((e) => (e as { val: Card }).val.parentId)
    }
    // A watcher keeps the room open while attackers come and go.
    const watcher = client(s.syncUrl, session.id, 'board', session.tokens.interviewer)
    await watcher.synced

    // k inside b; then a newer entry of k on the page, the older one kept live (inserted left of
    // it, or after it); then b inside k: readers see no cycle yet, but deleting k's newer entry
    // (or the newer entry losing) would make one. Refused when b is put inside k.
    for (const left of [true, false]) {
      const a = await attacker()
      const [b, k] = left ? ['shape:b1', 'shape:k1'] : ['shape:b2', 'shape:k2']
      a.send(() => a.array.push(entries([card(b, 'page:page'), card(k, b)])))
      await expect.poll(() => parents(k)).toEqual([b])
      a.send(() =>
        left
          ? a.array.insert(0, entries([card(k, 'page:page')]))
          : a.array.push(entries([card(k, 'page:page')])),
      )
      await expect.poll(async () => (await parents(k)).length).toBe(2)
      a.send(() => a.array.push(entries([card(b, k)])))
      expect(await a.raw.closed).toBe(CloseCode.malformed)
      expect(await parents(b)).toEqual(['page:page'])
    }

    // Three shapes in a cycle, each also given an entry on the page in the same update.
    const a = await attacker()
    a.send(() => {
      a.array.push(
        entries([card('shape:y', 'shape:z'), card('shape:z', 'shape:x'), card('shape:x', 'shape:y')]),
      )
      a.array.insert(0, entries([card('shape:y', 'page:page'), card('shape:z', 'page:page')]))
    })
    expect(await a.raw.closed).toBe(CloseCode.malformed)
    expect(await parents('shape:x')).toEqual([])

    // A stock client moving k1 out and b1 into it: fine (its move deletes the entry it replaces).
    const records = openBoardRecords<Card>(watcher.doc)
    await expect.poll(() => records.has('shape:k1')).toBe(true)
    records.set('shape:k1', card('shape:k1', 'page:page'))
    records.set('shape:b1', card('shape:b1', 'shape:k1'))
    await expect.poll(() => parents('shape:b1')).toEqual(['shape:k1'])
  })

  it('charges the walk through what a moved frame holds to the sender', async () => {
    const s = await server({
      config: { limits: { maxShapeDepth: 8, maxUpdateStructs: 1_000, structsPerSecond: 1_000 } },
    })
    const session = await createSession(s.url)
    const builder = client(s.syncUrl, session.id, 'board', session.tokens.interviewer)
    await builder.synced
    const built = openBoardRecords<Card>(builder.doc)
    // 600 cards inside frame f, written 150 at a time (each write within the budget).
    built.set('shape:f', card('shape:f', 'page:page'))
    for (let n = 0; n < 600; n += 150)
      builder.doc.transact(() => {
        for (let i = n; i < n + 150; i++) built.set(`shape:c${i}`, card(`shape:c${i}`, 'shape:f'))
      })
    const room = () => s.app.context.registry.peek(session.id, 'board')!
    await expect
      .poll(async () => {
        await room().flush()
        return openBoardRecords<Card>(room().doc).has('shape:c599')
      })
      .toBe(true)
    // Each move of f writes one entry (a few units) but walks the 600 cards inside it: 40 moves
    // at once cost the mover more than its burst of 2,000 units.
    const mover = client(s.syncUrl, session.id, 'board', session.tokens.candidate)
    await mover.synced
    const closed = mover.nextClose()
    const records = openBoardRecords<Card>(mover.doc)
    for (let i = 0; i < 40; i++) records.set('shape:f', { ...card('shape:f', 'page:page'), x: i } as Card)
    expect(await closed).toBe(CloseCode.rateLimited)
  })

  it('counts what a moved shape holds, every live entry of a shape, and the entries an update deletes', () => {
    const doc = new Y.Doc()
    const array = doc.getArray(BoardKeys.records)
    array.push(
      entries([
        ...chain('f', 16),
        ...chain('g', 17),
        card('shape:b', 'shape:a'),
        card('shape:x', 'page:page'),
      ]),
    )
    const nesting = new ShapeNesting(32)
    // g0 holds 16 levels: under f15 (16 deep) that is 33.
    expect(nesting.problem(doc, entries([card('shape:g0', 'shape:f15')]))).toMatch(/what it holds/)
    expect(nesting.problem(doc, entries([card('shape:g0', 'shape:f14')]))).toBeNull()
    // Two entries for one key in one update: either may end up the one readers see.
    expect(nesting.problem(doc, entries([card('shape:a', 'shape:b'), card('shape:a', 'page:page')]))).toMatch(
      /cycle/,
    )
    // b's entry inside a stays live beside a new one on the page: deleting that one later would
    // hand b back to a, so a inside b is refused; a stock client's move deletes the old entry.
    const moved = entries([card('shape:b', 'page:page'), card('shape:a', 'shape:b')])
    expect(nesting.problem(doc, moved)).toMatch(/cycle/)
    const oldB = array.toArray().find((e) => (e as { key: string }).key === 'shape:b')
    expect(nesting.problem(doc, moved, [oldB])).toBeNull()
    // The check follows the doc: x moved 31 deep by someone else, then y inside x is too deep.
    array.push(entries([card('shape:x', 'shape:f15'), ...chain('h', 15, 'shape:x')]))
    expect(nesting.problem(doc, entries([card('shape:y', 'shape:h14')]))).toMatch(/nested more than 32 deep/)
    // ...and stops counting the entry a deletion removed.
    const deepX = array.toArray().findIndex((e) => (e as { val: Card }).val.parentId === 'shape:f15')
    array.delete(deepX)
    expect(nesting.problem(doc, entries([card('shape:y', 'shape:h14')]))).toBeNull()
  })

  it('walks a shape put on the page when it holds shapes, or keeps a live entry inside another', () => {
    const doc = new Y.Doc()
    const array = doc.getArray(BoardKeys.records)
    // Written past the check (as a board from an older server could be): m0 holds 19 levels, and q
    // has a live entry 21 deep.
    array.push(
      entries([...chain('m', 20, 'shape:elsewhere'), ...chain('p', 20), card('shape:q', 'shape:p19')]),
    )
    const nesting = new ShapeNesting(16)
    // Plain edits on the page: nothing above or inside them.
    expect(nesting.problem(doc, entries([card('shape:new', 'page:page')]))).toBeNull()
    expect(nesting.lastWork).toBe(1)
    expect(nesting.problem(doc, entries([card('shape:m0', 'page:page')]))).toMatch(/what it holds/)
    // q's entry under p19 stays live next to the new one: readers may still take it.
    expect(nesting.problem(doc, entries([card('shape:q', 'page:page')]))).toMatch(/nested more than 16 deep/)
    const oldQ = array.toArray().find((e) => (e as { key: string }).key === 'shape:q')
    expect(nesting.problem(doc, entries([card('shape:q', 'page:page')]), [oldQ])).toBeNull()
    expect(nesting.lastWork).toBe(2)
  })

  it('reads the nesting of a board it did not see written (a room loaded from storage)', () => {
    const doc = new Y.Doc()
    const array = doc.getArray(BoardKeys.records)
    array.push(entries(chain('f', 31)))
    const nesting = new ShapeNesting(32)
    const x = entries([card('shape:x', 'shape:f30')])
    expect(nesting.problem(doc, x)).toBeNull()
    array.push(x)
    expect(nesting.problem(doc, entries([card('shape:y', 'shape:x')]))).toMatch(/nested more than 32 deep/)
    // A cycle through a shape written earlier.
    expect(nesting.problem(doc, entries([card('shape:f0', 'shape:x')]))).toMatch(/cycle/)
  })
})
