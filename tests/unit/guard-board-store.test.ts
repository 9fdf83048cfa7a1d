import { openBoardRecords, writeBoardSchema } from '@mockboard/shared'
import {
  createTLStore,
  getIndexAbove,
  type TLBinding,
  type TLRecord,
  type TLShape,
  type TLStore,
  toRichText,
} from 'tldraw'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'

import { guardBoardStore } from '../../client/src/board/guardBoardStore'
import { createBoardSchema } from '../../client/src/shapes/schema'
import { bindStoreToYDoc } from '../../client/src/sync/bindStoreToYDoc'
import { arrowBetween, componentShape, frameShape } from '../bench/replay/records'
import { Rng } from '../bench/replay/rng'
import { boardStore } from '../helpers/boardStore'

const PAGE = 'page:page'

/** The store's shapes' ancestors, or 'loop' where walking up never reaches a page. */
function ancestry(store: TLStore): Record<string, string[] | 'loop'> {
  const out: Record<string, string[] | 'loop'> = {}
  for (const r of store.allRecords()) {
    if (r.typeName !== 'shape') continue
    const chain: string[] = []
    let at: string = r.parentId
    while (at.startsWith('shape:') && chain.length <= 10) {
      chain.push(at)
      at = store.get(at as TLShape['id'])?.parentId ?? 'missing'
    }
    out[r.id] = chain.length > 10 ? 'loop' : [...chain, at]
  }
  return out
}

function twoFrames(guarded: boolean, keptOut?: (id: string, change: string) => void) {
  const store = boardStore()
  if (guarded) guardBoardStore(store, keptOut)
  const rng = new Rng(5)
  const a = frameShape(rng, getIndexAbove(null), 0, 0) as unknown as TLShape
  const b = frameShape(rng, getIndexAbove(a.index), 600, 0) as unknown as TLShape
  store.mergeRemoteChanges(() => store.put([a, b]))
  return { store, a, b }
}

/** A board doc whose log holds both halves of a cycle, and a frame C inside A. */
function loopedDoc() {
  const { store, a, b } = twoFrames(false)
  const c = frameShape(new Rng(11), getIndexAbove(b.index), 0, 0) as unknown as TLShape
  const doc = new Y.Doc()
  const kv = openBoardRecords<TLRecord>(doc)
  doc.transact(() => {
    for (const r of store.allRecords()) kv.set(r.id, r)
    kv.set(c.id, { ...c, parentId: a.id })
    writeBoardSchema(doc, store.schema.serialize())
  })
  doc.transact(() => kv.set(a.id, { ...a, parentId: b.id }))
  doc.transact(() => kv.set(b.id, { ...b, parentId: a.id }))
  return { doc, kv, a, b, c }
}

describe('guardBoardStore: parent cycles', () => {
  it('keeps the half of a parent cycle that would close it out (two instances each accepted one half)', async () => {
    for (const guarded of [false, true]) {
      const reported: string[] = []
      const { store, a, b } = twoFrames(guarded, (id, change) => reported.push(`${change} ${id}`))
      // What a client receives once both instances relayed: A into B and B into A, in one message.
      store.mergeRemoteChanges(() =>
        store.put([
          { ...a, parentId: b.id },
          { ...b, parentId: a.id },
        ] as TLRecord[]),
      )
      const shapes = ancestry(store)
      if (!guarded) {
        // What the guard is for: tldraw itself takes the loop as it comes.
        expect(shapes[a.id]).toBe('loop')
        continue
      }
      expect(shapes).toEqual({ [a.id]: [b.id, PAGE], [b.id]: [PAGE] })
      await Promise.resolve()
      expect(reported).toEqual([`put ${b.id}`])
    }
  })

  it('puts a new shape that would close a loop through an orphan on a page', () => {
    const { store, a } = twoFrames(true)
    const rng = new Rng(9)
    const c = frameShape(rng, getIndexAbove(a.index), 0, 600) as unknown as TLShape
    // A under C before C exists (its entry arrived first), then C under A.
    store.mergeRemoteChanges(() => store.put([{ ...a, parentId: c.id }] as TLRecord[]))
    store.mergeRemoteChanges(() => store.put([{ ...c, parentId: a.id }] as TLRecord[]))
    expect(ancestry(store)[c.id]).toEqual([PAGE])
    expect(ancestry(store)[a.id]).toEqual([c.id, PAGE])
  })

  it('lets every move that closes no loop through, nested or not', () => {
    const { store, a, b } = twoFrames(true)
    store.mergeRemoteChanges(() => store.put([{ ...b, parentId: a.id, x: 10 }] as TLRecord[]))
    expect(ancestry(store)[b.id]).toEqual([a.id, PAGE])
    expect((store.get(b.id) as TLShape).x).toBe(10)
    store.mergeRemoteChanges(() => store.put([{ ...b, parentId: PAGE, x: 20 }] as TLRecord[]))
    store.mergeRemoteChanges(() => store.put([{ ...a, parentId: b.id }] as TLRecord[]))
    expect(ancestry(store)).toEqual({ [a.id]: [b.id, PAGE], [b.id]: [PAGE] })
  })

  it("guards a board's first load (put in the 'initialize' phase), and a writer ends the loop in the doc", async () => {
    for (const readonly of [true, false]) {
      const { doc, kv, a, b, c } = loopedDoc()
      const store = createTLStore({ schema: createBoardSchema() })
      bindStoreToYDoc(store, doc, { readonly })
      const shown = ancestry(store)
      // One of A and B is on the page, the other in it; C stays in A.
      const [onPage, inside] = shown[a.id]!.length === 1 ? [a, b] : [b, a]
      expect(shown[onPage.id]).toEqual([PAGE])
      expect(shown[inside.id]).toEqual([onPage.id, PAGE])
      expect(shown[c.id]?.[0]).toBe(a.id)
      await Promise.resolve()
      // The doc: an observer leaves the loop; a writer puts back what it shows.
      const parentIn = (id: string) => (kv.get(id) as TLShape | undefined)?.parentId
      const looped = parentIn(a.id) === b.id && parentIn(b.id) === a.id
      expect(looped).toBe(readonly)
      if (!readonly)
        for (const id of [a.id, b.id]) expect(parentIn(id)).toBe((store.get(id) as TLShape).parentId)
    }
  })
})

describe('guardBoardStore: arrow bindings tldraw cannot lay out', () => {
  /** Two cards joined by an arrow (its two bindings), and a second arrow joining them back. */
  function arrows() {
    const reported: string[] = []
    const store = boardStore()
    guardBoardStore(store, (id, change) => reported.push(`${change} ${id}`))
    const rng = new Rng(4)
    const one = componentShape(rng, getIndexAbove(null), 0, 0) as unknown as TLShape & {
      x: number
      y: number
    }
    const two = componentShape(rng, getIndexAbove(one.index), 400, 0) as unknown as TLShape & {
      x: number
      y: number
    }
    const [arrow, start, end] = arrowBetween(getIndexAbove(two.index), one, two) as unknown as [
      TLShape,
      TLBinding,
      TLBinding,
    ]
    const [back, backStart, backEnd] = arrowBetween(getIndexAbove(arrow.index), two, one) as unknown as [
      TLShape,
      TLBinding,
      TLBinding,
    ]
    return { store, reported, one, two, arrow, start, end, back, backStart, backEnd }
  }
  const put = (store: TLStore, records: unknown[]) =>
    store.mergeRemoteChanges(() => store.put(records as TLRecord[]))

  it('removes an arrow bound to itself, and reports it for the writer to delete', async () => {
    const { store, reported, one, two, arrow, start, end } = arrows()
    put(store, [one, two, arrow, { ...start, toId: arrow.id }, end])
    expect(store.has(start.id)).toBe(false)
    expect(store.has(end.id)).toBe(true) // the honest one stays
    await Promise.resolve()
    expect(reported).toEqual([`delete ${start.id}`])
  })

  it('removes arrows bound to arrows, whichever arrives first', () => {
    for (const bindingsFirst of [false, true]) {
      const { store, one, two, arrow, start, end, back, backStart, backEnd } = arrows()
      const shapes = [one, two, arrow, back]
      const bindings = [start, { ...end, toId: back.id }, backStart, { ...backEnd, toId: arrow.id }]
      put(store, bindingsFirst ? [...bindings, ...shapes] : [...shapes, ...bindings])
      expect([start, end, backStart, backEnd].map((b) => store.has(b.id))).toEqual([true, false, true, false])
    }
  })

  it('removes a binding whose target turns into an arrow, and leaves honest arrows alone', () => {
    const { store, one, two, arrow, start, end } = arrows()
    put(store, [one, two, arrow, start, end])
    expect([start, end].map((b) => store.has(b.id))).toEqual([true, true])
    put(store, [{ ...arrow, id: two.id, index: two.index }])
    expect([start, end].map((b) => store.has(b.id))).toEqual([true, false])
  })
})

describe('guardBoardStore: rich text tldraw cannot build', () => {
  it('empties it, reports it, and leaves readable text alone', async () => {
    const reported: string[] = []
    const store = boardStore()
    guardBoardStore(store, (id, change) => reported.push(`${change} ${id}`))
    const rng = new Rng(6)
    const [arrow] = arrowBetween(
      getIndexAbove(null),
      componentShape(rng, getIndexAbove(null), 0, 0) as never,
      componentShape(rng, getIndexAbove(null), 300, 0) as never,
    ) as unknown as [TLShape & { props: { richText: unknown } }]
    const label = (richText: unknown) => ({ ...arrow, props: { ...arrow.props, richText } })
    store.mergeRemoteChanges(() => store.put([label(toRichText('ok'))] as TLRecord[]))
    expect((store.get(arrow.id) as typeof arrow).props.richText).toEqual(toRichText('ok'))
    store.mergeRemoteChanges(() =>
      store.put([label({ type: 'doc', content: [{ type: 'nope' }] })] as TLRecord[]),
    )
    expect((store.get(arrow.id) as typeof arrow).props.richText).toEqual(toRichText(''))
    await Promise.resolve()
    expect(reported).toEqual([`put ${arrow.id}`])
  })
})
