import { createTLStore, getIndexAbove, type IndexKey, type TLRecord } from 'tldraw'
import { describe, expect, it } from 'vitest'

import { BoardProjector } from '../../client/src/replay/BoardProjector'
import type { BoardFrame } from '../../client/src/replay/decodeFrames'
import { createBoardSchema } from '../../client/src/shapes/schema'
import { arrowBetween, componentShape, frameShape, type Rec } from '../bench/replay/records'
import { Rng } from '../bench/replay/rng'

/** A board of `n` components (some inside a frame) joined in a chain by bound arrows. */
function board(n: number): BoardFrame {
  const store = createTLStore({ schema: createBoardSchema() })
  const rng = new Rng(3)
  let index: IndexKey | null = null
  const frame = frameShape(rng, (index = getIndexAbove(index)), 0, 0)
  const records: Rec[] = [frame]
  const shapes = Array.from({ length: n }, (_, i) => {
    const s = componentShape(rng, (index = getIndexAbove(index)), i * 200, (i % 3) * 120)
    // Every fourth one sits in the frame: a shape whose parent is not the page.
    return (i % 4 === 0 ? { ...s, parentId: frame.id } : s) as Rec & { x: number; y: number }
  })
  records.push(...shapes)
  for (let i = 1; i < n; i++)
    records.push(...arrowBetween((index = getIndexAbove(index)), shapes[i - 1]!, shapes[i]!))
  const all = new Map<string, string>()
  for (const r of Object.values(store.serialize('document'))) all.set(r.id, JSON.stringify(r))
  for (const r of records) all.set(r.id, JSON.stringify(r))
  return { records: all, schema: store.schema.serialize(), notes: '' }
}

describe('BoardProjector.applySome', () => {
  it('catches a store up in slices, never holding a binding or a child without what it points to', () => {
    const frame = board(60)
    const store = createTLStore({ schema: createBoardSchema() })
    const projector = new BoardProjector(store)
    let slices = 0
    for (;;) {
      const done = projector.applySome(frame, 40)
      slices++
      const ids = new Set(store.allRecords().map((r) => r.id as string))
      for (const r of store.allRecords() as (TLRecord & {
        fromId?: string
        toId?: string
        parentId?: string
      })[]) {
        if (r.typeName === 'binding') {
          expect(ids.has(r.fromId), `${r.id} from`).toBe(true)
          expect(ids.has(r.toId), `${r.id} to`).toBe(true)
        }
        if (r.typeName === 'shape') expect(ids.has(r.parentId), `${r.id} parent`).toBe(true)
      }
      if (done) break
      expect(slices).toBeLessThan(20)
    }
    // 1 page + 1 frame + 60 components + 59 arrows + 118 bindings: several slices of 40.
    expect(slices).toBeGreaterThan(4)
    const shapes = store.allRecords().filter((r) => r.typeName === 'shape')
    expect(shapes).toHaveLength(1 + 60 + 59)
    expect(projector.changesMoreThan(frame, 0)).toBe(false)
    // All at once: the same store.
    const once = createTLStore({ schema: createBoardSchema() })
    new BoardProjector(once).apply(frame)
    expect(once.allRecords().length).toBe(store.allRecords().length)
  })
})
