import * as Y from 'yjs'

/** What an update would do to a document, read before it is applied. */
export interface UpdateInspection {
  /** Some struct or deletion names an item neither the doc nor the update holds: Yjs would park it as pending. */
  missing: boolean
  /** JSON values the update inserts directly into each root type asked for, in update order. */
  inserted: Map<string, unknown[]>
  /** The update inserts something other than JSON values (text, nested types, binary) into one of those roots. */
  foreign: boolean
}

type Struct = Y.Item | Y.GC | Y.Skip

/**
 * Decodes `update` against the live `doc` without applying it: whether every dependency is met,
 * and which values it inserts into the root types `roots` (an array's entries, a map's values). Yjs
 * cannot take an update back once applied, so refusals must be decided here, before `Y.applyUpdate`.
 */
export function inspectUpdate(doc: Y.Doc, update: Uint8Array, roots: readonly string[]): UpdateInspection {
  const { structs, ds } = Y.decodeUpdate(update)
  const byClient = new Map<number, Struct[]>()
  for (const s of structs) {
    const list = byClient.get(s.id.client)
    if (list) list.push(s)
    else byClient.set(s.id.client, [s])
  }
  let missing = false
  // How far each client's structs will reach once applied: Yjs only integrates a client's structs
  // from its current clock on, without gaps (a Skip is a gap).
  const reach = new Map<number, number>()
  for (const [client, list] of byClient) {
    list.sort((a, b) => a.id.clock - b.id.clock)
    let end = Y.getState(doc.store, client)
    for (const s of list) {
      if (s.id.clock > end) {
        missing = true
        break
      }
      if (!(s instanceof Y.Skip)) end = Math.max(end, s.id.clock + s.length)
    }
    reach.set(client, end)
  }
  const reachOf = (client: number) => reach.get(client) ?? Y.getState(doc.store, client)
  const known = (id: Y.ID | null) => id === null || id.clock < reachOf(id.client)
  for (const s of structs) {
    if (!(s instanceof Y.Item)) continue
    const parent = s.parent as unknown
    if (!known(s.origin) || !known(s.rightOrigin) || (parent instanceof Y.ID && !known(parent)))
      missing = true
  }
  for (const [client, deletes] of ds.clients) {
    for (const d of deletes) if (d.clock + d.len > reachOf(client)) missing = true
  }
  const inserted = new Map<string, unknown[]>(roots.map((r) => [r, []]))
  let foreign = false
  if (roots.length > 0) {
    const rootOf = rootResolver(doc, byClient)
    for (const s of structs) {
      if (!(s instanceof Y.Item) || s.content instanceof Y.ContentDeleted) continue
      const root = rootOf(s)
      const list = root === null ? undefined : inserted.get(root)
      if (!list) continue
      if (s.content instanceof Y.ContentAny || s.content instanceof Y.ContentJSON)
        list.push(...(s.content.getContent() as unknown[]))
      else foreign = true
    }
  }
  return { missing, inserted, foreign }
}

/**
 * The root type an update's item will sit in directly (null: nested, garbage-collected or unknown).
 * An item that names a neighbour (origin) carries no parent on the wire: it shares the neighbour's,
 * found in the update itself or in the doc. Walked iteratively with a memo: chains can be long.
 */
function rootResolver(doc: Y.Doc, byClient: Map<number, Struct[]>): (item: Y.Item) => string | null {
  const memo = new Map<Y.Item, string | null>()
  return (start) => {
    const path: Y.Item[] = []
    const seen = new Set<Y.Item>()
    let current: Y.Item | null = start
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
      const parent = current.parent as unknown
      if (typeof parent === 'string') {
        result = parent
        break
      }
      const neighbour = parent === null ? (current.origin ?? current.rightOrigin) : null
      if (!neighbour) break
      const inUpdate = findStruct(byClient.get(neighbour.client), neighbour.clock)
      if (inUpdate) {
        current = inUpdate instanceof Y.Item ? inUpdate : null
        continue
      }
      result = rootInDoc(doc, neighbour)
      break
    }
    for (const item of path) memo.set(item, result)
    return result
  }
}

function rootInDoc(doc: Y.Doc, id: Y.ID): string | null {
  if (id.clock >= Y.getState(doc.store, id.client)) return null
  const struct = Y.getItem(doc.store, id) as Y.Item | Y.GC
  if (!(struct instanceof Y.Item)) return null
  const parent = struct.parent
  if (!(parent instanceof Y.AbstractType) || parent._item !== null) return null
  return Y.findRootTypeKey(parent)
}

/** The struct of a clock-sorted list that covers `clock`. */
function findStruct(list: Struct[] | undefined, clock: number): Struct | null {
  if (!list) return null
  let lo = 0
  let hi = list.length - 1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    const s = list[mid]!
    if (clock < s.id.clock) hi = mid - 1
    else if (clock >= s.id.clock + s.length) lo = mid + 1
    else return s
  }
  return null
}
