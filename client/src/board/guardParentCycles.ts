import type { TLPageId, TLParentId, TLRecord, TLShape, TLStore } from 'tldraw'

const isShapeId = (id: TLParentId): boolean => id.startsWith('shape:')

type ParentOf = (id: TLParentId) => TLShape | undefined

/** Whether walking up from `shape` (parents looked up with `parentOf`) comes back round. */
function closesLoop(shape: TLShape, parentOf: ParentOf): boolean {
  const seen = new Set<string>([shape.id])
  for (let at = shape.parentId; isShapeId(at);) {
    if (seen.has(at)) return true
    seen.add(at)
    const parent = parentOf(at)
    if (!parent) return false
    at = parent.parentId
  }
  return false
}

/** The first page among `records`, or the id tldraw gives the page it adds to a board without one. */
const firstPage = (records: Iterable<TLRecord>): TLPageId => {
  for (const r of records) if (r.typeName === 'page') return r.id
  return 'page:page' as TLPageId
}

/**
 * Keeps a store's shapes free of parent cycles, whatever puts them there. The server refuses an
 * update that would close a cycle, but it checks each update against its own copy of the board:
 * two instances each accept one half of a cycle sent to both at once (A into B on one, B into A on
 * the other), and tldraw then loops forever in every browser that loads the board, live or on the
 * replay. Here the half that would close the loop is kept out: a moved shape keeps its previous
 * place, a new one lands on a page. The document still holds the loop until someone moves the
 * shape, which writes the place shown here. Puts in the 'initialize' phase skip side effects: those
 * go through withoutParentCycles first.
 */
export function guardParentCycles(store: TLStore): () => void {
  const parentOf: ParentOf = (id) => store.get(id as TLShape['id'])
  const offCreate = store.sideEffects.registerBeforeCreateHandler('shape', (shape) => {
    return closesLoop(shape, parentOf) ? { ...shape, parentId: firstPage(store.allRecords()) } : shape
  })
  const offChange = store.sideEffects.registerBeforeChangeHandler('shape', (prev, next) =>
    next.parentId !== prev.parentId && closesLoop(next, parentOf) ? prev : next,
  )
  return () => {
    offCreate()
    offChange()
  }
}

/** A whole board's records with each shape that would close a parent loop moved to a page. */
export function withoutParentCycles(records: TLRecord[]): TLRecord[] {
  const shapes = new Map<string, TLShape>()
  for (const r of records) if (r.typeName === 'shape') shapes.set(r.id, r)
  const page = firstPage(records)
  const parentOf: ParentOf = (id) => shapes.get(id)
  return records.map((r) => {
    if (r.typeName !== 'shape' || !closesLoop(r, parentOf)) return r
    const moved = { ...r, parentId: page }
    shapes.set(r.id, moved)
    return moved
  })
}
