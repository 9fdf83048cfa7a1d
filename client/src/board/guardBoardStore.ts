import { richTextOf, richTextProblem } from '@mockboard/shared/richText'
import {
  isShapeId,
  type TLBinding,
  type TLPageId,
  type TLParentId,
  type TLRecord,
  type TLShape,
  type TLStore,
  toRichText,
} from 'tldraw'

/**
 * Whether walking up from `shape` comes back to it. A loop higher up that `shape` only hangs
 * under is not its to break: the walk stops there (one of that loop's own shapes breaks it).
 */
function closesLoop(shape: TLShape, parentOf: (id: TLParentId) => TLShape | undefined): boolean {
  const seen = new Set<string>()
  for (let at = shape.parentId; isShapeId(at);) {
    if (at === shape.id) return true
    if (seen.has(at)) return false
    seen.add(at)
    const parent = parentOf(at)
    if (!parent) return false
    at = parent.parentId
  }
  return false
}

/** The first page in the store, or the id tldraw gives the page it adds to a board without one. */
const firstPage = (records: Iterable<TLRecord>): TLPageId => {
  for (const r of records) if (r.typeName === 'page') return r.id
  return 'page:page' as TLPageId
}

/** What a guard changed in the store, for a client that can write to put it back in the document. */
export type Repair = (id: TLRecord['id'], change: 'put' | 'delete') => void

/**
 * Keeps out of a board's store what a link holder can write and tldraw cannot draw (parent
 * cycles, arrows bound to arrows, rich text its editor cannot build): every
 * browser that loads such a board, live or on the replay, would freeze or show tldraw's error
 * screen. Each guard says what it changed (after the put) to `repair`, if given: a client that can
 * write puts the store's view back into the document, which ends the problem for everyone.
 */
export function guardBoardStore(store: TLStore, repair?: Repair): () => void {
  const report: Repair = (id, change) => {
    if (repair) queueMicrotask(() => repair(id, change))
  }
  const offs = [
    guardParentCycles(store, report),
    guardArrowBindings(store, report),
    guardRichText(store, report),
  ]
  return () => offs.forEach((off) => off())
}

/**
 * Keeps a store's shapes free of parent cycles, whatever puts them there. The server refuses an
 * update that would close a cycle, but it checks each update against its own copy of the board:
 * two instances each accept one half of a cycle sent to both at once (A into B on one, B into A on
 * the other), and tldraw then loops forever in every browser that loads the board, live or on the
 * replay. Here the half that would close the loop is kept out (every put runs these handlers, a
 * board's first load in the 'initialize' phase included): a moved shape keeps its previous place,
 * a new one lands on a page. Until a writer puts the place shown back, the server would refuse
 * any edit of the shape that keeps its looping parent.
 */
function guardParentCycles(store: TLStore, report: Repair): () => void {
  const parentOf = (id: TLParentId) => store.get(id as TLShape['id'])
  const offCreate = store.sideEffects.registerBeforeCreateHandler('shape', (shape) => {
    if (!closesLoop(shape, parentOf)) return shape
    report(shape.id, 'put')
    return { ...shape, parentId: firstPage(store.allRecords()) }
  })
  const offChange = store.sideEffects.registerBeforeChangeHandler('shape', (prev, next) => {
    if (next.parentId === prev.parentId || !closesLoop(next, parentOf)) return next
    report(next.id, 'put')
    return prev
  })
  return () => {
    offCreate()
    offChange()
  }
}

/**
 * Arrow bindings tldraw cannot lay out: an arrow bound to itself or to another arrow (two arrows
 * bound to each other make its geometry recurse). tldraw's tools never make one; the schema
 * check on the server lets them through. Such a binding is removed from the store, whichever comes
 * first, the binding or the arrow it points at (or a shape of that id turning into an arrow).
 */
function guardArrowBindings(store: TLStore, report: Repair): () => void {
  const bindingsTo = new Map<string, Set<TLBinding['id']>>()
  const isArrow = (id: string) => {
    const r = store.get(id as TLShape['id'])
    return r?.typeName === 'shape' && r.type === 'arrow'
  }
  const drop = (id: TLBinding['id']) => {
    if (!store.has(id)) return
    store.remove([id])
    report(id, 'delete')
  }
  const index = (b: TLBinding, add: boolean) => {
    const set = bindingsTo.get(b.toId)
    if (add) {
      if (set) set.add(b.id)
      else bindingsTo.set(b.toId, new Set([b.id]))
    } else if (set?.delete(b.id) && set.size === 0) bindingsTo.delete(b.toId)
  }
  const check = (b: TLBinding) => {
    if (b.type === 'arrow' && (b.toId === b.fromId || isArrow(b.toId))) drop(b.id)
  }
  const becameArrow = (shape: TLShape) => {
    for (const id of bindingsTo.get(shape.id) ?? []) {
      const b = store.get(id)
      if (b?.type === 'arrow') drop(id)
    }
  }
  const offs = [
    store.sideEffects.registerAfterCreateHandler('binding', (b) => {
      index(b, true)
      check(b)
    }),
    store.sideEffects.registerAfterChangeHandler('binding', (prev, next) => {
      index(prev, false)
      index(next, true)
      check(next)
    }),
    store.sideEffects.registerAfterDeleteHandler('binding', (b) => index(b, false)),
    store.sideEffects.registerAfterCreateHandler('shape', (s) => {
      if (s.type === 'arrow') becameArrow(s)
    }),
    store.sideEffects.registerAfterChangeHandler('shape', (prev, next) => {
      if (next.type === 'arrow' && prev.type !== 'arrow') becameArrow(next)
    }),
  ]
  return () => offs.forEach((off) => off())
}

/**
 * Rich text tldraw's editor cannot build (an unknown node or mark, a text node without text):
 * valid by tldraw's schema check, and its error screen once drawn. Such text is emptied.
 */
function guardRichText(store: TLStore, report: Repair): () => void {
  const readable = (shape: TLShape): TLShape => {
    const richText = richTextOf(shape)
    if (richText === undefined || richTextProblem(richText) === null) return shape
    report(shape.id, 'put')
    return { ...shape, props: { ...shape.props, richText: toRichText('') } } as TLShape
  }
  const offs = [
    store.sideEffects.registerBeforeCreateHandler('shape', readable),
    store.sideEffects.registerBeforeChangeHandler('shape', (prev, next) =>
      richTextOf(next) === richTextOf(prev) ? next : readable(next),
    ),
  ]
  return () => offs.forEach((off) => off())
}
