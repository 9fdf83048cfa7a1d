import {
  boardRecordsArray,
  isRecordEntry,
  latestRecords,
  type RecordEntry,
  recordEntryChanges,
} from '@mockboard/shared'
import type * as Y from 'yjs'

const isShapeId = (id: unknown): id is string => typeof id === 'string' && id.startsWith('shape:')

/**
 * How deep the board's shapes nest, checked before an update is applied: a shape in a frame in a
 * frame… 300 deep overflows tldraw's stack in every browser that loads the board (an error
 * screen for everyone in the room, and on the replay), and a parent cycle does the same; the
 * schema check sees one record at a time, so neither is caught there.
 *
 * Keeps each shape's parent (and each parent's children) as the records this room admitted set
 * them, read from the doc at the room's first check. That is an estimate of the doc, not the doc:
 * concurrent writes of one record resolve by position (the rightmost entry wins), not by arrival.
 * So a check that fails is made again on the doc read afresh before it refuses, and an honest edit
 * is never refused for what the estimate got wrong. An update that deletes an entry of a shape
 * while another entry of it stays live uncovers that one (a parent the shape had before): such
 * entries are checked as if the update put them (`uncovered`), so a deletion cannot build a
 * cycle or a chain too deep either.
 */
export class ShapeNesting {
  private parents: Map<string, string> | null = null
  private children = new Map<string, Set<string>>()
  private live: LiveEntries | null = null

  constructor(private readonly maxDepth: number) {}

  /**
   * The entries of shapes the doc keeps live when the update's deletions (`removed`) are applied,
   * where one of each such shape's entries is among them: one of those may become the record
   * readers see. There are such only where a shape has several live entries (a concurrent write
   * not yet cleaned up, or a crafted client): a move deletes the entry it replaces.
   */
  uncovered(ydoc: Y.Doc, removed: readonly unknown[]): unknown[] {
    if (this.live?.doc !== ydoc) this.live = new LiveEntries(ydoc)
    // Each key once, however many of its entries go: the work is linear in what is removed.
    const gone = new Map<string, Set<unknown>>()
    for (const e of removed) {
      if (!isRecordEntry(e) || !isShapeId(e.key)) continue
      const set = gone.get(e.key)
      if (set) set.add(e)
      else gone.set(e.key, new Set([e]))
    }
    const out: unknown[] = []
    for (const [key, dropped] of gone) {
      const live = this.live.of(key)
      if (live.size > dropped.size) for (const e of live) if (!dropped.has(e)) out.push(e)
    }
    return out
  }

  /**
   * Why the shapes these record entries put would nest too deep (or in a cycle), or null.
   * `pending`: some of the update waits for what the doc lacks, so any of its entries may stay
   * unapplied: each shape's ancestors are then also walked as the doc has them.
   */
  problem(ydoc: Y.Doc, entries: readonly unknown[], pending = false): string | null {
    if (!this.parents) this.read(ydoc)
    const problem = () => this.check(entries, true) ?? (pending ? this.check(entries, false) : null)
    if (problem() === null) return null
    this.read(ydoc)
    return problem()
  }

  /** The entries were applied (not set aside as pending): their shapes' parents are now these. */
  admit(entries: readonly unknown[]): void {
    if (!this.parents) return
    for (const [id, parents] of parentsIn(entries)) this.setParent(id, parents.at(-1)!)
  }

  /** `trust`: an ancestor the entries move is where they put it (else where the doc has it). */
  private check(entries: readonly unknown[], trust: boolean): string | null {
    const put = parentsIn(entries)
    const known = trust ? put : new Map<string, string[]>()
    for (const [id, candidates] of put) {
      // Two entries for one key in one update (a stock client writes one): whichever ends up
      // rightmost wins, so each must be within the bounds.
      for (const parent of candidates) {
        let depth = 1
        const seen = new Set<string>([id])
        for (let at: string | undefined = parent; isShapeId(at); at = this.parentOf(at, known)) {
          if (seen.has(at)) return `shape ${id}: its parents form a cycle`
          seen.add(at)
          if (++depth > this.maxDepth) return `shape ${id} nested more than ${this.maxDepth} deep`
        }
        // The shapes inside it move with it.
        if (depth + this.height(id, this.maxDepth - depth + 1) > this.maxDepth)
          return `shape ${id}: what it holds would nest more than ${this.maxDepth} deep`
      }
    }
    return null
  }

  private parentOf(id: string, put: Map<string, string[]>): string | undefined {
    return put.get(id)?.at(-1) ?? this.parents!.get(id)
  }

  /** Levels of shapes inside `id`, counted up to `cap` (past it, the answer is just "too many"). */
  private height(id: string, cap: number): number {
    let level = 0
    let layer = [id]
    const seen = new Set(layer)
    while (layer.length > 0 && level < cap) {
      const next: string[] = []
      for (const at of layer)
        for (const child of this.children.get(at) ?? [])
          if (!seen.has(child)) {
            seen.add(child)
            next.push(child)
          }
      if (next.length === 0) break
      level++
      layer = next
    }
    return level
  }

  private setParent(id: string, parent: string): void {
    const before = this.parents!.get(id)
    if (before !== undefined) this.children.get(before)?.delete(id)
    this.parents!.set(id, parent)
    let set = this.children.get(parent)
    if (!set) this.children.set(parent, (set = new Set()))
    set.add(id)
  }

  private read(ydoc: Y.Doc): void {
    this.parents = new Map()
    this.children = new Map()
    for (const [id, record] of latestRecords(boardRecordsArray(ydoc).toArray())) {
      const parent = (record as { parentId?: unknown }).parentId
      if (isShapeId(id) && typeof parent === 'string') this.setParent(id, parent)
    }
  }
}

/** Shape id → the parent ids its entries among `{ key, val }` entries name (checked valid before). */
function parentsIn(entries: readonly unknown[]): Map<string, string[]> {
  const out = new Map<string, string[]>()
  for (const entry of entries) {
    const { key, val } = entry as { key: unknown; val: { parentId?: unknown } }
    if (!isShapeId(key) || typeof val.parentId !== 'string') continue
    const list = out.get(key)
    if (list) list.push(val.parentId)
    else out.set(key, [val.parentId])
  }
  return out
}

/**
 * The live entries of each key in the board's records array, followed through every transaction
 * on the doc (peers', other instances', the server's own): exact where the parents above are an
 * estimate, and read without a scan of the array (which a crafted client could make every
 * update pay for).
 */
const NONE: ReadonlySet<RecordEntry> = new Set()

class LiveEntries {
  private readonly byKey = new Map<string, Set<RecordEntry>>()
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

  of(key: string): ReadonlySet<RecordEntry> {
    return this.byKey.get(key) ?? NONE
  }

  private add(entry: RecordEntry): void {
    const set = this.byKey.get(entry.key)
    if (set) set.add(entry)
    else this.byKey.set(entry.key, new Set([entry]))
  }

  private remove(entry: RecordEntry): void {
    const set = this.byKey.get(entry.key)
    if (set?.delete(entry) && set.size === 0) this.byKey.delete(entry.key)
  }
}
