import type { BoardFrame } from '../decodeFrames'

/**
 * The board at one instant as the frame painter reads it: shapes and arrow bindings parsed from a
 * BoardFrame's JSON, without tldraw. Records come from the log, written by any client: every
 * field is read defensively, and what cannot be read is left out of the picture (tldraw, which
 * takes over once it has drawn the same instant, validates them properly).
 */

export interface Shape {
  id: string
  type: string
  parentId: string
  index: string
  x: number
  y: number
  rotation: number
  opacity: number
  props: Record<string, unknown>
}

export interface Binding {
  fromId: string
  toId: string
  terminal: 'start' | 'end'
  anchor: { x: number; y: number }
  isPrecise: boolean
  isExact: boolean
}

/** A 2D affine transform: x' = a·x + c·y + e, y' = b·x + d·y + f (canvas order). */
export interface Mat {
  a: number
  b: number
  c: number
  d: number
  e: number
  f: number
}

/** Nesting deeper than any board makes is neither drawn nor measured (a crafted parent chain). */
export const MAX_DEPTH = 32

/** A record's number, or `fallback` where it is not a finite number. */
export const num = (v: unknown, fallback = 0) => (typeof v === 'number' && Number.isFinite(v) ? v : fallback)
/** A record's string, or `fallback`. */
export const str = (v: unknown, fallback = '') => (typeof v === 'string' ? v : fallback)
const obj = (v: unknown): Record<string, unknown> =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {}

export function readShape(raw: unknown): Shape | null {
  const r = obj(raw)
  if (r.typeName !== 'shape' || typeof r.id !== 'string' || typeof r.type !== 'string') return null
  return {
    id: r.id,
    type: r.type,
    parentId: str(r.parentId),
    index: str(r.index),
    x: num(r.x),
    y: num(r.y),
    rotation: num(r.rotation),
    opacity: Math.min(1, Math.max(0, num(r.opacity, 1))),
    props: obj(r.props),
  }
}

export function readBinding(raw: unknown): Binding | null {
  const r = obj(raw)
  if (r.typeName !== 'binding' || r.type !== 'arrow') return null
  const p = obj(r.props)
  const terminal = p.terminal === 'start' || p.terminal === 'end' ? p.terminal : null
  if (!terminal || typeof r.fromId !== 'string' || typeof r.toId !== 'string') return null
  const anchor = obj(p.normalizedAnchor)
  return {
    fromId: r.fromId,
    toId: r.toId,
    terminal,
    anchor: { x: num(anchor.x, 0.5), y: num(anchor.y, 0.5) },
    isPrecise: p.isPrecise === true,
    isExact: p.isExact === true,
  }
}

/** Parsed records are kept by their JSON: consecutive instants share most of them. */
export class SceneReader {
  private cache = new Map<string, { json: string; value: Shape | Binding | null }>()

  read(frame: BoardFrame): Scene {
    const next = new Map<string, { json: string; value: Shape | Binding | null }>()
    const shapes = new Map<string, Shape>()
    const bindings: Binding[] = []
    for (const [id, json] of frame.records) {
      const kind = id.slice(0, id.indexOf(':'))
      if (kind !== 'shape' && kind !== 'binding') continue
      let entry = this.cache.get(id)
      if (entry?.json !== json) {
        let raw: unknown = null
        try {
          raw = JSON.parse(json)
        } catch {
          // Left out of the picture.
        }
        entry = { json, value: kind === 'shape' ? readShape(raw) : readBinding(raw) }
      }
      next.set(id, entry)
      if (!entry.value) continue
      if ('type' in entry.value) shapes.set(id, entry.value)
      else bindings.push(entry.value)
    }
    this.cache = next
    return new Scene(shapes, bindings)
  }
}

const byIndex = (a: Shape, b: Shape) =>
  a.index < b.index ? -1 : a.index > b.index ? 1 : a.id < b.id ? -1 : 1

export class Scene {
  private readonly children = new Map<string, Shape[]>()
  private readonly transforms = new Map<string, Mat>()
  /** Arrow id → its bindings by terminal. */
  readonly arrowBindings = new Map<string, { start?: Binding; end?: Binding }>()

  constructor(
    readonly shapes: ReadonlyMap<string, Shape>,
    bindings: readonly Binding[],
  ) {
    for (const s of shapes.values()) {
      let list = this.children.get(s.parentId)
      if (!list) this.children.set(s.parentId, (list = []))
      list.push(s)
    }
    for (const list of this.children.values()) list.sort(byIndex)
    for (const b of bindings) {
      if (!shapes.has(b.toId)) continue
      let ends = this.arrowBindings.get(b.fromId)
      if (!ends) this.arrowBindings.set(b.fromId, (ends = {}))
      ends[b.terminal] = b
    }
  }

  childrenOf(parentId: string): readonly Shape[] {
    return this.children.get(parentId) ?? []
  }

  /** Shapes under `parentId`, nested ones included. */
  countUnder(parentId: string, depth = 0): number {
    if (depth > MAX_DEPTH) return 0
    let n = 0
    for (const s of this.childrenOf(parentId)) n += 1 + this.countUnder(s.id, depth + 1)
    return n
  }

  /** The page with the most shapes on it (what fitCamera shows), or null on an empty board. */
  busiestPage(): string | null {
    let best: string | null = null
    let most = 0
    for (const [parent, list] of this.children)
      if (parent.startsWith('page:') && list.length > most) [best, most] = [parent, list.length]
    return best
  }

  /** Shape space → page space, through its parents (frames, groups). */
  pageTransform(id: string, depth = 0): Mat {
    const known = this.transforms.get(id)
    if (known) return known
    const s = this.shapes.get(id)
    if (!s) return IDENTITY
    const local = localTransform(s)
    // A parent chain is short on any real board; a cycle or a crafted depth is cut.
    const parent =
      this.shapes.has(s.parentId) && depth < MAX_DEPTH ? this.pageTransform(s.parentId, depth + 1) : IDENTITY
    const m = multiply(parent, local)
    this.transforms.set(id, m)
    return m
  }
}

const IDENTITY: Mat = { a: 1, b: 0, c: 0, d: 1, e: 0, f: 0 }

export function localTransform(s: Shape): Mat {
  const cos = Math.cos(s.rotation)
  const sin = Math.sin(s.rotation)
  return { a: cos, b: sin, c: -sin, d: cos, e: s.x, f: s.y }
}

export function multiply(m: Mat, n: Mat): Mat {
  return {
    a: m.a * n.a + m.c * n.b,
    b: m.b * n.a + m.d * n.b,
    c: m.a * n.c + m.c * n.d,
    d: m.b * n.c + m.d * n.d,
    e: m.a * n.e + m.c * n.f + m.e,
    f: m.b * n.e + m.d * n.f + m.f,
  }
}

export function invert(m: Mat): Mat {
  const det = m.a * m.d - m.b * m.c || 1
  return {
    a: m.d / det,
    b: -m.b / det,
    c: -m.c / det,
    d: m.a / det,
    e: (m.c * m.f - m.d * m.e) / det,
    f: (m.b * m.e - m.a * m.f) / det,
  }
}

export function apply(m: Mat, p: { x: number; y: number }): { x: number; y: number } {
  return { x: m.a * p.x + m.c * p.y + m.e, y: m.b * p.x + m.d * p.y + m.f }
}
