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
  /** The component's notes field (why this choice, limits…), as typed. */
  notes: string
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

/** Deeper rich text than any editor makes is not read further (a crafted record could overflow the stack). */
const MAX_RICH_TEXT_DEPTH = 32

/**
 * Plain text of a tldraw rich-text (TipTap JSON) value, or of a legacy string. Records come from
 * clients: anything that is not the expected shape reads as no text rather than throwing.
 */
export function richTextToPlain(value: unknown, depth = 0): string {
  if (typeof value === 'string') return value
  if (!value || typeof value !== 'object' || depth > MAX_RICH_TEXT_DEPTH) return ''
  const node = value as { type?: unknown; text?: unknown; content?: unknown }
  if (typeof node.text === 'string') return node.text
  if (!Array.isArray(node.content)) return ''
  const parts = node.content.map((child) => richTextToPlain(child, depth + 1))
  return parts.join(node.type === 'doc' ? '\n' : '').trim()
}

const str = (v: unknown) => (typeof v === 'string' ? v : '')
const replicaCount = (v: unknown) => {
  const n = Number(v)
  return Number.isFinite(n) && n >= 1 ? Math.floor(n) : 1
}

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
    const p: Record<string, unknown> = s.props && typeof s.props === 'object' ? s.props : {}
    if (s.type === 'system-component') {
      const kind = str(p.kind)
      const kindLabel = componentKind(kind)?.label ?? kind
      const label = str(p.label) || kindLabel
      components.push({
        id: s.id,
        kind,
        kindLabel,
        label,
        technology: str(p.technology),
        replicas: replicaCount(p.replicas),
        shardKey: str(p.shardKey),
        notes: str(p.notes),
      })
      nameOf.set(s.id, label)
    } else if (s.type === 'system-frame') {
      const kind = str(p.kind)
      const label = str(p.label) || FRAME_KINDS.find((f) => f.kind === kind)?.label || kind
      frames.push({ id: s.id, kind, label })
      nameOf.set(s.id, label)
    } else if (s.type !== 'arrow') {
      const type = typeof s.type === 'string' ? s.type : 'unknown'
      otherShapes[type] = (otherShapes[type] ?? 0) + 1
      const text = richTextToPlain(p.richText ?? p.text ?? p.name)
      if (text) nameOf.set(s.id, text)
    }
  }
  const ends = new Map<string, { start?: string; end?: string }>()
  for (const b of bindings) {
    if (typeof b.fromId !== 'string' || typeof b.toId !== 'string') continue
    const terminal = b.props && typeof b.props === 'object' && b.props.terminal === 'start' ? 'start' : 'end'
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
      label:
        arrow.props && typeof arrow.props === 'object'
          ? richTextToPlain(arrow.props.richText ?? arrow.props.text)
          : '',
    })
  }
  const byLabel = (a: { label: string }, b: { label: string }) => a.label.localeCompare(b.label)
  return { components: components.sort(byLabel), frames: frames.sort(byLabel), connections, otherShapes }
}
