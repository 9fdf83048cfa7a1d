import { boardRecordsArray, isRecordEntry, type RecordEntry, recordEntryChanges } from '@mockboard/shared'
import type * as Y from 'yjs'

const isShapeId = (id: unknown): id is string => typeof id === 'string' && id.startsWith('shape:')

const parentOf = (entry: RecordEntry): string | null => {
  const parent = (entry.val as { parentId?: unknown }).parentId
  return typeof parent === 'string' ? parent : null
}

/**
 * How deep the board's shapes nest, checked before an update is applied: a shape in a frame in a
 * frame… 300 deep overflows tldraw's stack in every browser that loads the board (an error
 * screen for everyone in the room, and on the replay), and a parent cycle does the same; the
 * schema check sees one record at a time, so neither is caught there.
 *
 * Readers take, of several live entries for one shape, the rightmost; which one that is depends
 * on where a client inserts, and deleting one can hand the shape to another. So the check holds
 * every live entry's parent as a possible parent (ParentGraph, followed through every transaction
 * on the doc) and keeps this true of all of them at once: no cycle, no chain longer than the cap.
 * An update adds parent links (the entries it writes) and takes some away (the entries it
 * deletes); only the links it adds can break that, so only paths through them are walked, and a
 * deletion alone never needs a check. A stock client's move deletes the entry it replaces, so a
 * shape has several live entries only between two concurrent writes and the clients' clean-up:
 * a check may then count a parent that lost, never miss one that won.
 */
export class ShapeNesting {
  private graph: ParentGraph | null = null
  /** Entries and links the last check read: its cost, for the sender's budget. */
  lastWork = 0

  constructor(private readonly maxDepth: number) {}

  /**
   * Why the entries an update writes (`inserted`) would nest a shape too deep or in a cycle, with
   * the entries its deletions remove (`removed`) gone, or null.
   */
  problem(ydoc: Y.Doc, inserted: readonly unknown[], removed: readonly unknown[] = []): string | null {
    if (this.graph?.doc !== ydoc) this.graph = new ParentGraph(ydoc)
    this.lastWork = 0
    const added = new Map<string, string[]>()
    for (const e of inserted) {
      if (!isRecordEntry(e) || !isShapeId(e.key)) continue
      const parent = parentOf(e)
      if (parent === null) continue
      const list = added.get(e.key)
      if (list) list.push(parent)
      else added.set(e.key, [parent])
    }
    if (added.size === 0) return null
    if (this.onPageAlone(added, removed)) return null
    const walk = new Walk(this.graph, added, new Set(removed), this.maxDepth)
    try {
      return this.check(walk, added)
    } finally {
      this.lastWork = walk.work
    }
  }

  /**
   * Whether every shape the update writes sits on a page and holds no shape, however its live
   * entries are read: depth 1, no cycle, nothing to walk. Most edits are such (a box moved on the
   * page), and the walk's maps and sets would cost each of them more than the reads below.
   */
  private onPageAlone(added: Map<string, string[]>, removed: readonly unknown[]): boolean {
    // A long list of removals is looked up through a Set by the walk, and its cost charged there.
    if (removed.length > 8) return false
    const graph = this.graph!
    for (const [id, parents] of added) {
      const entries = graph.entriesOf(id)
      this.lastWork += 1 + entries.size
      for (const parent of parents) if (isShapeId(parent)) return false
      for (const e of entries) {
        const parent = parentOf(e)
        if (parent !== null && isShapeId(parent) && !removed.includes(e)) return false
      }
      if (!graph.isChildless(id)) return false
    }
    return this.maxDepth >= 1
  }

  private check(walk: Walk, added: Map<string, string[]>): string | null {
    for (const id of added.keys()) {
      const up = walk.up(id)
      if (up === CYCLE) return `shape ${id}: its parents form a cycle`
      if (up > this.maxDepth) return `shape ${id} nested more than ${this.maxDepth} deep`
      // The shapes inside it move with it.
      const down = walk.down(id)
      if (down === CYCLE) return `shape ${id}: its parents form a cycle`
      if (up + down > this.maxDepth)
        return `shape ${id}: what it holds would nest more than ${this.maxDepth} deep`
    }
    return null
  }
}

const CYCLE = -1

/**
 * Longest chains of possible parents in the board as an update would leave it: up from a shape (it
 * and the shapes above it) and down (the levels of shapes inside it), each memoized for the one
 * check, cycles found on the way. Past the cap, the answer is only "too many".
 */
class Walk {
  /** Entries and links read so far. */
  work = 0
  private readonly ups = new Map<string, number>()
  private readonly downs = new Map<string, number>()
  /** Parent → the shapes the update's entries put in it. */
  private readonly addedChildren = new Map<string, string[]>()

  constructor(
    private readonly graph: ParentGraph,
    private readonly added: Map<string, string[]>,
    private readonly removed: Set<unknown>,
    private readonly cap: number,
  ) {
    for (const [child, parents] of added)
      for (const parent of new Set(parents)) {
        const list = this.addedChildren.get(parent)
        if (list) list.push(child)
        else this.addedChildren.set(parent, [child])
      }
  }

  private parents(id: string): string[] {
    const out = [...(this.added.get(id) ?? [])]
    const entries = this.graph.entriesOf(id)
    this.work += 1 + entries.size
    for (const e of entries) {
      const parent = parentOf(e)
      if (parent !== null && !this.removed.has(e)) out.push(parent)
    }
    return out
  }

  private children(id: string): string[] {
    const out = new Set<string>(this.addedChildren.get(id))
    this.work += 1 + out.size
    for (const child of this.graph.childrenOf(id))
      if (!out.has(child) && this.parents(child).includes(id)) out.add(child)
    return [...out]
  }

  /** Shapes from `id` up to the page (1: a shape on the page), or CYCLE. */
  up(id: string): number {
    return this.longest(id, this.ups, 1, (at) => this.parents(at).filter(isShapeId))
  }

  /** Levels of shapes inside `id` (0: none), or CYCLE. */
  down(id: string): number {
    return this.longest(id, this.downs, 0, (at) => this.children(at))
  }

  /** The longest chain from `id` along `next` (`id` itself counting `self`), or CYCLE. */
  private longest(
    id: string,
    memo: Map<string, number>,
    self: number,
    next: (at: string) => string[],
    path = new Set<string>(),
  ): number {
    const known = memo.get(id)
    if (known !== undefined) return known
    if (path.has(id)) return CYCLE
    if (path.size > this.cap) return this.cap + 1
    path.add(id)
    let most = self
    for (const at of next(id)) {
      const beyond = this.longest(at, memo, self, next, path)
      if (beyond === CYCLE) return CYCLE
      most = Math.max(most, beyond + 1)
      if (most > this.cap) break
    }
    path.delete(id)
    memo.set(id, most)
    return most
  }
}

const NONE: ReadonlySet<never> = new Set()

/**
 * Every live entry of each shape in the board's records array, and which shapes name each id as
 * a parent, followed through every transaction on the doc (peers', other instances', the
 * server's own): read without a scan of the array, which a crafted client could make every update
 * pay for.
 */
class ParentGraph {
  private readonly entries = new Map<string, Set<RecordEntry>>()
  /** Parent id → child id → how many of the child's live entries name that parent. */
  private readonly children = new Map<string, Map<string, number>>()
  private readonly added: RecordEntry[] = []
  private readonly deleted: RecordEntry[] = []

  constructor(readonly doc: Y.Doc) {
    const records = boardRecordsArray(doc)
    for (const e of records.toArray()) if (isRecordEntry(e)) this.add(e)
    doc.on('afterTransaction', (tr: Y.Transaction) => {
      this.added.length = 0
      this.deleted.length = 0
      recordEntryChanges(tr, records, this.added, this.deleted)
      for (const e of this.added) this.add(e)
      for (const e of this.deleted) this.remove(e)
    })
  }

  entriesOf(id: string): ReadonlySet<RecordEntry> {
    return this.entries.get(id) ?? NONE
  }

  /** Whether no live entry names `id` as its parent. */
  isChildless(id: string): boolean {
    return !this.children.has(id)
  }

  childrenOf(id: string): Iterable<string> {
    return this.children.get(id)?.keys() ?? NONE
  }

  private add(entry: RecordEntry): void {
    if (!isShapeId(entry.key)) return
    const set = this.entries.get(entry.key)
    if (set) set.add(entry)
    else this.entries.set(entry.key, new Set([entry]))
    const parent = parentOf(entry)
    if (parent === null) return
    let kids = this.children.get(parent)
    if (!kids) this.children.set(parent, (kids = new Map<string, number>()))
    kids.set(entry.key, (kids.get(entry.key) ?? 0) + 1)
  }

  private remove(entry: RecordEntry): void {
    const set = this.entries.get(entry.key)
    if (!set?.delete(entry)) return
    if (set.size === 0) this.entries.delete(entry.key)
    const parent = parentOf(entry)
    const kids = parent === null ? undefined : this.children.get(parent)
    if (!kids) return
    const n = (kids.get(entry.key) ?? 0) - 1
    if (n > 0) kids.set(entry.key, n)
    else {
      kids.delete(entry.key)
      if (kids.size === 0) this.children.delete(parent!)
    }
  }
}
