import { createTLStore, getIndexAbove, type TLRecord, type TLShape, type TLStore } from 'tldraw'
import { describe, expect, it } from 'vitest'

import { guardParentCycles, withoutParentCycles } from '../../client/src/board/guardParentCycles'
import { createBoardSchema } from '../../client/src/shapes/schema'
import { frameShape } from '../bench/replay/records'
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

function twoFrames(guarded: boolean) {
  const store = boardStore()
  if (guarded) guardParentCycles(store)
  const rng = new Rng(5)
  const a = frameShape(rng, getIndexAbove(null), 0, 0) as unknown as TLShape
  const b = frameShape(rng, getIndexAbove(a.index), 600, 0) as unknown as TLShape
  store.mergeRemoteChanges(() => store.put([a, b]))
  return { store, a, b }
}

describe('guardParentCycles', () => {
  it('keeps the half of a parent cycle that would close it out (two instances each accepted one half)', () => {
    for (const guarded of [false, true]) {
      const { store, a, b } = twoFrames(guarded)
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

  it('loads a whole board with each shape that would close a loop on a page (puts that skip side effects)', () => {
    const { store, a, b } = twoFrames(false)
    const loaded = withoutParentCycles(
      store
        .allRecords()
        .map((r) =>
          r.id === a.id ? { ...a, parentId: b.id } : r.id === b.id ? { ...b, parentId: a.id } : r,
        ),
    )
    const fresh = createTLStore({ schema: createBoardSchema() })
    fresh.put(loaded, 'initialize')
    expect(ancestry(fresh)).toEqual({ [a.id]: [PAGE], [b.id]: [a.id, PAGE] })
    // Nothing else is touched.
    expect(withoutParentCycles(store.allRecords())).toEqual(store.allRecords())
  })
})
