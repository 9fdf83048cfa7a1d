import * as Y from 'yjs'

import { CONTENT_DELETED, CONTENT_TYPE, type Id, readUpdate, type Struct } from './readUpdateV1.js'

/** What an update would do to a document, read before it is applied. */
export interface UpdateInspection {
  /** Some struct or deletion names an item neither the doc nor the update holds: Yjs would park it as pending. */
  missing: boolean
  /**
   * What is missing belongs to a client with no structs in the update: a later edit of someone
   * else. An honest client only waits for its own earlier edits (sent after, as in a reconnect's
   * sync step 2); it has everyone else's from this server.
   */
  missingOthers: boolean
  /** JSON values the update inserts directly into each root type asked for, in update order. */
  inserted: Map<string, unknown[]>
  /** Values of the doc, live in each root type asked for, that the update's deletions remove. */
  removed: Map<string, unknown[]>
  /** The update inserts something other than JSON values (text, nested types, binary) into one of those roots. */
  foreign: boolean
  /** The deepest nested type the update creates, counted from its root (1: a type in a root); 0 if none. */
  typeDepth: number
  /** The clients the update writes new structs for (structs the doc has already are left out). */
  writers: ReadonlyMap<number, unknown>
}

/**
 * Decodes `update` against the live `doc` without applying it: whether every dependency is met,
 * and which values it inserts into the root types `roots` (an array's entries, a map's values). Yjs
 * cannot take an update back once applied, so refusals must be decided here, before `Y.applyUpdate`.
 * Anything Yjs would fail to decode throws here too (tests/unit/inspect-update.test.ts compares
 * this with what applying the update to a copy of the doc shows).
 */
export function inspectUpdate(
  doc: Y.Doc,
  update: Uint8Array,
  roots: readonly string[],
  /** Type nesting past which the answer's typeDepth need not be exact (walks stop there). */
  maxTypeDepth = Number.POSITIVE_INFINITY,
): UpdateInspection {
  // No closures in here: run through tsx, each would cost a defineProperty (esbuild's keepNames).
  const read = readUpdate(update)
  const { deletes, rare } = read
  // Content other than values, text and deletions (types, embeds, formats, binary, JSON, documents)
  // is read once more by Yjs' own decoder, which throws exactly where applying would: a reading of
  // ours that let through what Yjs refuses would fail the apply and reload the room for everyone.
  if (rare) Y.decodeUpdate(update)
  // Yjs skips what the doc already has of a client and keeps its own copy: a struct sent again
  // says nothing about where things go (its parent or neighbours may be made up), so it is left
  // out here and lookups of its id go to the doc. One that overlaps the doc's end is refused:
  // Yjs would integrate its tail next to the doc's copy, under the parent it claims.
  const structs: Struct[] = []
  const byClient = new Map<number, Struct[]>()
  for (const s of read.structs) {
    const state = Y.getState(doc.store, s.client)
    if (s.clock + s.length <= state) continue
    if (s.clock < state && s.kind === 'item') throw new Error('a struct overlaps what the document has')
    structs.push(s)
    const list = byClient.get(s.client)
    if (list) list.push(s)
    else byClient.set(s.client, [s])
  }
  let missing = false
  let missingOthers = false
  // How far each client's structs will reach once applied: Yjs only integrates a client's structs
  // from its current clock on, without gaps (a Skip is a gap).
  const reach = new Map<number, number>()
  for (const [client, list] of byClient) {
    if (list.length > 1) list.sort(byClock)
    let end = Y.getState(doc.store, client)
    for (const s of list) {
      if (s.clock > end) {
        missing = true
        break
      }
      if (s.kind !== 'skip') end = Math.max(end, s.clock + s.length)
    }
    reach.set(client, end)
  }
  // Every struct's references, those sent again included: Yjs looks them up before it skips those.
  for (const s of read.structs) {
    if (s.kind !== 'item') continue
    const parent = typeof s.parent === 'string' ? null : s.parent
    // Yjs looks up a neighbour or parent of the item's own client without checking that it is
    // there (it must be older), and throws half-way through applying when it is not.
    if (!older(s, s.origin) || !older(s, s.rightOrigin) || !older(s, parent))
      throw new Error('an item refers to a later item of its own client')
    if (!known(doc, reach, s.origin) || !known(doc, reach, s.rightOrigin) || !known(doc, reach, parent)) {
      missing = true
      if (
        othersMissing(doc, reach, byClient, s.origin) ||
        othersMissing(doc, reach, byClient, s.rightOrigin) ||
        othersMissing(doc, reach, byClient, parent)
      )
        missingOthers = true
    }
    // A parent named by id must hold a type: Yjs would take `undefined` for the parent.
    if (parent && !holdsType(doc, byClient, parent)) throw new Error('a parent that is not a type')
  }
  // Structs that wait for each other are never integrated: Yjs keeps them as pending for good.
  // Within one client they cannot (references to its own structs point back): only several can.
  if (byClient.size > 1 && waitInCircle(structs, byClient))
    throw new Error('structs that wait for each other')
  for (const [client, clock, len] of deletes) {
    if (clock + len <= reachOf(doc, reach, client)) continue
    missing = true
    if (!byClient.has(client)) missingOthers = true
  }
  const inserted = new Map<string, unknown[]>()
  for (const root of roots) inserted.set(root, [])
  let foreign = false
  if (roots.length > 0) {
    const memo = new Map<Struct, string | null>()
    for (const s of structs) {
      if (s.kind !== 'item' || s.content === CONTENT_DELETED) continue
      const root = rootOf(doc, byClient, memo, s)
      const list = root === null ? undefined : inserted.get(root)
      if (!list) continue
      if (s.values) list.push(...s.values)
      else foreign = true
    }
  }
  const removed = new Map<string, unknown[]>()
  for (const root of roots) removed.set(root, [])
  if (roots.length > 0 && deletes.length > 0) {
    const lists = new Map<unknown, unknown[]>()
    for (const root of roots) if (doc.share.has(root)) lists.set(doc.share.get(root), removed.get(root)!)
    for (const [client, clock, len] of deletes) removedValues(doc, lists, client, clock, len)
  }
  // Nested types are rare (none on the board): only an update that creates one is walked.
  let typeDepth = 0
  if (rare) {
    const memo = new Map<Struct, number>()
    for (const s of structs)
      if (s.kind === 'item' && s.content === CONTENT_TYPE)
        typeDepth = Math.max(typeDepth, containerDepth(doc, byClient, memo, s, maxTypeDepth) + 1)
  }
  return { missing, missingOthers, inserted, removed, foreign, typeDepth, writers: byClient }
}

/** Adds the live values of the doc in [clock, clock + len) of `client` to their parent's list. */
function removedValues(
  doc: Y.Doc,
  lists: Map<unknown, unknown[]>,
  client: number,
  clock: number,
  len: number,
): void {
  const structs = doc.store.clients.get(client)
  const end = Math.min(clock + len, Y.getState(doc.store, client))
  if (!structs || clock >= end) return
  for (let i = Y.findIndexSS(structs, clock); i < structs.length; i++) {
    const s = structs[i]!
    if (s.id.clock >= end) break
    if (!(s instanceof Y.Item) || s.deleted) continue
    if (!(s.content instanceof Y.ContentAny || s.content instanceof Y.ContentJSON)) continue
    const list = lists.get(s.parent)
    if (!list) continue
    const from = Math.max(clock, s.id.clock) - s.id.clock
    const to = Math.min(end, s.id.clock + s.length) - s.id.clock
    for (let j = from; j < to; j++) list.push(s.content.arr[j])
  }
}

/**
 * How deep the type an update's item sits in is nested (0: a root). Deleting a type recurses
 * through every level inside Yjs, which overflows the stack half-way through a transaction when
 * the nesting is deep enough. Walked like rootOf: to the parent's item (one level up) or to the
 * neighbour (same level), iteratively, with a memo.
 */
function containerDepth(
  doc: Y.Doc,
  byClient: Map<number, Struct[]>,
  memo: Map<Struct, number>,
  start: Struct,
  cap: number,
): number {
  const path: Struct[] = []
  /** Per step of the path: 1 where the next struct is its parent's item, 0 for a neighbour. */
  const up: number[] = []
  const seen = new Set<Struct>()
  let current: Struct | null = start
  let base = 0
  while (current) {
    const cached = memo.get(current)
    if (cached !== undefined) {
      base = cached
      break
    }
    if (seen.has(current)) break
    seen.add(current)
    path.push(current)
    const parent = current.parent
    if (typeof parent === 'string') break
    const next = parent ?? current.origin ?? current.rightOrigin
    if (!next) break
    const inUpdate = findStruct(byClient.get(next.client), next.clock)
    if (inUpdate) {
      up.push(parent ? 1 : 0)
      current = inUpdate.kind === 'item' ? inUpdate : null
      continue
    }
    base = depthInDoc(doc, next, parent !== null, cap)
    up.push(0)
    break
  }
  // Each struct of the path sits `up` levels below the next one; the last one's next is at `base`.
  let depth = base
  for (let i = path.length - 1; i >= 0; i--) {
    depth += up[i] ?? 0
    memo.set(path[i]!, depth)
  }
  return memo.get(start) ?? 0
}

/**
 * The depth of the type an item of the doc holds (`holds`: `id` is a parent) or sits in (`id` is a
 * neighbour); 0 for what the doc does not have (Yjs sets it aside, or drops it as garbage).
 */
function depthInDoc(doc: Y.Doc, id: Id, holds: boolean, cap: number): number {
  const item = docItem(doc, id)
  if (!item) return 0
  let type: Y.AbstractType<unknown> | null
  if (holds) type = item.content instanceof Y.ContentType ? item.content.type : null
  else type = item.parent instanceof Y.AbstractType ? item.parent : null
  let depth = 0
  // Past the cap the exact depth does not matter (the update is refused): never walk further.
  while (type?._item && depth <= cap) {
    depth++
    const parent: unknown = type._item.parent
    type = parent instanceof Y.AbstractType ? parent : null
  }
  return depth
}

function byClock(a: Struct, b: Struct): number {
  return a.clock - b.clock
}

/**
 * Whether some structs of the update wait for each other: a struct waits for its origin, its right
 * origin and its parent where those are in the update, and for the struct before it of its own
 * client (Yjs integrates a client's structs in clock order). Depth-first, iteratively.
 */
function waitInCircle(structs: Struct[], byClient: Map<number, Struct[]>): boolean {
  /** 1: on the current path, 2: done (waits for nothing circular). */
  const state = new Map<Struct, 1 | 2>()
  const stack: { s: Struct; deps: Struct[]; i: number }[] = []
  for (const start of structs) {
    if (state.has(start)) continue
    state.set(start, 1)
    stack.push({ s: start, deps: waitsFor(start, byClient), i: 0 })
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!
      if (top.i === top.deps.length) {
        state.set(top.s, 2)
        stack.pop()
        continue
      }
      const next = top.deps[top.i++]!
      const seen = state.get(next)
      if (seen === 1) return true
      if (seen === 2) continue
      state.set(next, 1)
      stack.push({ s: next, deps: waitsFor(next, byClient), i: 0 })
    }
  }
  return false
}

/** The structs of the update `s` waits for (see waitInCircle). */
function waitsFor(s: Struct, byClient: Map<number, Struct[]>): Struct[] {
  const deps: Struct[] = []
  const own = byClient.get(s.client)!
  const before = findStruct(own, s.clock - 1)
  if (before) deps.push(before)
  if (s.kind !== 'item') return deps
  const parent = typeof s.parent === 'string' ? null : s.parent
  for (const id of [s.origin, s.rightOrigin, parent]) {
    if (!id) continue
    const dep = findStruct(byClient.get(id.client), id.clock)
    if (dep && dep !== s) deps.push(dep)
  }
  return deps
}

/** Whether the item at `id` (in the update, else in the doc) holds a type; true when unknown yet. */
function holdsType(doc: Y.Doc, byClient: Map<number, Struct[]>, id: Id): boolean {
  const inUpdate = findStruct(byClient.get(id.client), id.clock)
  // Deleted (garbage-collected) types are ContentDeleted: Yjs drops what is put in them.
  if (inUpdate)
    return (
      inUpdate.kind !== 'item' || inUpdate.content === CONTENT_TYPE || inUpdate.content === CONTENT_DELETED
    )
  const item = docItem(doc, id)
  return !item || item.content instanceof Y.ContentType || item.content instanceof Y.ContentDeleted
}

/** Whether `id`, where it is of `s`'s own client, comes before `s` (as it does in any update Yjs writes). */
function older(s: Struct, id: Id | null): boolean {
  return id === null || id.client !== s.client || id.clock < s.clock
}

/** The clock a client's structs reach once the update is applied. */
function reachOf(doc: Y.Doc, reach: Map<number, number>, client: number): number {
  return reach.get(client) ?? Y.getState(doc.store, client)
}

/** Whether `id` is missing and of a client with no structs in the update (see missingOthers). */
function othersMissing(
  doc: Y.Doc,
  reach: Map<number, number>,
  byClient: Map<number, Struct[]>,
  id: Id | null,
): boolean {
  return id !== null && !known(doc, reach, id) && !byClient.has(id.client)
}

/** Whether `id` is in the doc or the update, once applied. */
function known(doc: Y.Doc, reach: Map<number, number>, id: Id | null): boolean {
  return id === null || id.clock < reachOf(doc, reach, id.client)
}

/**
 * The root type an update's item will sit in directly (null: nested, garbage-collected or unknown).
 * An item that names a neighbour (origin) carries no parent on the wire: it shares the neighbour's,
 * found in the update itself or in the doc. Walked iteratively with a memo: chains can be long.
 */
function rootOf(
  doc: Y.Doc,
  byClient: Map<number, Struct[]>,
  memo: Map<Struct, string | null>,
  start: Struct,
): string | null {
  const path: Struct[] = []
  const seen = new Set<Struct>()
  let current: Struct | null = start
  let result: string | null = null
  while (current) {
    const cached = memo.get(current)
    if (cached !== undefined) {
      result = cached
      break
    }
    if (seen.has(current)) break
    seen.add(current)
    path.push(current)
    const parent = current.parent
    if (typeof parent === 'string') {
      result = parent
      break
    }
    const neighbour = parent === null ? (current.origin ?? current.rightOrigin) : null
    if (!neighbour) break
    const inUpdate = findStruct(byClient.get(neighbour.client), neighbour.clock)
    if (inUpdate) {
      current = inUpdate.kind === 'item' ? inUpdate : null
      continue
    }
    result = rootInDoc(doc, neighbour)
    break
  }
  for (const item of path) memo.set(item, result)
  return result
}

function rootInDoc(doc: Y.Doc, id: Id): string | null {
  const parent = docItem(doc, id)?.parent
  if (!(parent instanceof Y.AbstractType) || parent._item !== null) return null
  return Y.findRootTypeKey(parent)
}

/** The doc's item at `id`; null where the doc has no such clock yet, or only garbage. */
function docItem(doc: Y.Doc, id: Id): Y.Item | null {
  if (id.clock >= Y.getState(doc.store, id.client)) return null
  const struct = Y.getItem(doc.store, Y.createID(id.client, id.clock)) as Y.Item | Y.GC
  return struct instanceof Y.Item ? struct : null
}

/** The struct of a clock-sorted list that covers `clock`. */
function findStruct(list: Struct[] | undefined, clock: number): Struct | null {
  if (!list) return null
  let lo = 0
  let hi = list.length - 1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    const s = list[mid]!
    if (clock < s.clock) hi = mid - 1
    else if (clock >= s.clock + s.length) lo = mid + 1
    else return s
  }
  return null
}
