import { componentKind, FRAME_KINDS } from './catalog.js'

/** A tldraw record as stored in the board doc: plain JSON, read without tldraw. */
export interface BoardRecord {
  id: string
  typeName: string
  type?: string
  parentId?: string
  props?: Record<string, unknown>
  fromId?: string
  toId?: string
  [key: string]: unknown
}

export interface InventoryComponent {
  id: string
  kind: string
  kindLabel: string
  label: string
  technology: string
  replicas: number
  shardKey: string
}

export interface InventoryConnection {
  from: string
  to: string
  label: string
}

export interface BoardInventory {
  components: InventoryComponent[]
  frames: { id: string; kind: string; label: string }[]
  connections: InventoryConnection[]
  /** Other shapes (sticky notes, text, geo…) by type. */
  otherShapes: Record<string, number>
}

/** Plain text of a tldraw rich-text (TipTap JSON) value, or of a legacy string. */
export function richTextToPlain(value: unknown): string {
  if (typeof value === 'string') return value
  if (!value || typeof value !== 'object') return ''
  const node = value as { type?: string; text?: string; content?: unknown[] }
  if (typeof node.text === 'string') return node.text
  const parts = (node.content ?? []).map(richTextToPlain)
  return parts.join(node.type === 'doc' ? '\n' : '').trim()
}

const str = (v: unknown) => (typeof v === 'string' ? v : '')

/** What is on the board: components, frames, and which arrows connect which components. */
export function boardInventory(records: Iterable<BoardRecord>): BoardInventory {
  const shapes = new Map<string, BoardRecord>()
  const bindings: BoardRecord[] = []
  for (const r of records) {
    if (r.typeName === 'shape') shapes.set(r.id, r)
    else if (r.typeName === 'binding' && r.type === 'arrow') bindings.push(r)
  }
  const components: InventoryComponent[] = []
  const frames: BoardInventory['frames'] = []
  const otherShapes: Record<string, number> = {}
  const nameOf = new Map<string, string>()
  for (const s of shapes.values()) {
    const p = s.props ?? {}
    if (s.type === 'system-component') {
      const kind = str(p.kind)
      const kindLabel = componentKind(kind)?.label ?? kind
      const label = str(p.label) || kindLabel
      components.push({ id: s.id, kind, kindLabel, label, technology: str(p.technology), replicas: Number(p.replicas) || 1, shardKey: str(p.shardKey) })
      nameOf.set(s.id, label)
    } else if (s.type === 'system-frame') {
      const kind = str(p.kind)
      const label = str(p.label) || FRAME_KINDS.find((f) => f.kind === kind)?.label || kind
      frames.push({ id: s.id, kind, label })
      nameOf.set(s.id, label)
    } else if (s.type !== 'arrow') {
      otherShapes[s.type ?? 'unknown'] = (otherShapes[s.type ?? 'unknown'] ?? 0) + 1
      const text = richTextToPlain(p.richText ?? p.text ?? p.name)
      if (text) nameOf.set(s.id, text)
    }
  }
  const ends = new Map<string, { start?: string; end?: string }>()
  for (const b of bindings) {
    if (!b.fromId || !b.toId) continue
    const terminal = (b.props?.terminal as string) === 'start' ? 'start' : 'end'
    const entry = ends.get(b.fromId) ?? {}
    entry[terminal] = b.toId
    ends.set(b.fromId, entry)
  }
  const connections: InventoryConnection[] = []
  for (const [arrowId, { start, end }] of ends) {
    const arrow = shapes.get(arrowId)
    if (!arrow || !start || !end) continue
    connections.push({
      from: nameOf.get(start) ?? start,
      to: nameOf.get(end) ?? end,
      label: richTextToPlain(arrow.props?.richText ?? arrow.props?.text),
    })
  }
  const byLabel = (a: { label: string }, b: { label: string }) => a.label.localeCompare(b.label)
  return { components: components.sort(byLabel), frames: frames.sort(byLabel), connections, otherShapes }
}
