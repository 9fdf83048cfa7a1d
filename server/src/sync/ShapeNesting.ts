import { boardRecordsArray, latestRecords } from '@mockboard/shared'
import type * as Y from 'yjs'

const isShapeId = (id: unknown): id is string => typeof id === 'string' && id.startsWith('shape:')

/**
 * How deep the board's shapes nest, checked before an update is applied: a shape in a frame in a
 * frame… 300 deep overflows tldraw's stack in every browser that loads the board (an error
 * screen for everyone in the room, and on the replay), and a parent cycle does the same; the
 * schema check sees one record at a time, so neither is caught there. Keeps each shape's parent
 * as the records this room admitted set it (read from the doc once, at the room's first check).
 * A shape deleted since keeps its entry: it only lengthens chains through a parent that is gone.
 */
export class ShapeNesting {
  private parents: Map<string, string> | null = null

  constructor(private readonly maxDepth: number) {}

  /** Why the shapes these record entries put would nest too deep (or in a cycle), or null. */
  problem(ydoc: Y.Doc, entries: readonly unknown[]): string | null {
    const parents = (this.parents ??= this.read(ydoc))
    const put = parentsIn(entries)
    for (const id of put.keys()) {
      let depth = 0
      const seen = new Set<string>()
      for (let at: string | undefined = id; isShapeId(at); at = put.get(at) ?? parents.get(at)) {
        if (seen.has(at)) return `shape ${id}: its parents form a cycle`
        seen.add(at)
        if (++depth > this.maxDepth) return `shape ${id} nested more than ${this.maxDepth} deep`
      }
    }
    return null
  }

  /** The entries were applied: their shapes' parents are now these. */
  admit(entries: readonly unknown[]): void {
    if (!this.parents) return
    for (const [id, parent] of parentsIn(entries)) this.parents.set(id, parent)
  }

  private read(ydoc: Y.Doc): Map<string, string> {
    const parents = new Map<string, string>()
    for (const [id, record] of latestRecords(boardRecordsArray(ydoc).toArray())) {
      const parent = (record as { parentId?: unknown }).parentId
      if (isShapeId(id) && typeof parent === 'string') parents.set(id, parent)
    }
    return parents
  }
}

/** Shape id → parent id of the shape records among `{ key, val }` entries (checked valid before). */
function parentsIn(entries: readonly unknown[]): Map<string, string> {
  const out = new Map<string, string>()
  for (const entry of entries) {
    const { key, val } = entry as { key: unknown; val: { parentId?: unknown } }
    if (isShapeId(key) && typeof val.parentId === 'string') out.set(key, val.parentId)
  }
  return out
}
