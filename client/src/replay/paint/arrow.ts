import { ARROW_LABEL_FONT_SIZES } from '../../shapes/arrow/labelSizes'
import { apply, type Binding, invert, type Mat, multiply, num, type Scene, type Shape, str } from './scene'
import { legible, type PaintContext, shapeSize, strokeOf } from './shapes'
import { fontFamily, plainText, wrapLines } from './text'

/**
 * tldraw's arrows as its `straight-arrow` and `curved-arrow` place them: a bound end starts at its
 * binding's anchor on the target (the centre unless precise), is cut where the line meets the
 * target's box, then pulled back by 10 px plus half the strokes so the head does not touch it.
 * Elbow arrows are drawn as one elbow. Geometry is in the arrow's own space.
 */

type P = { x: number; y: number }

const dist = (a: P, b: P) => Math.hypot(b.x - a.x, b.y - a.y)
const lerp = (a: P, b: P, t: number): P => ({ x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t })

const BOUND_ARROW_OFFSET = 10

interface End {
  handle: P
  target: { shape: Shape; toTarget: Mat; w: number; h: number; exact: boolean } | null
}

function terminal(scene: Scene, toArrow: Mat, binding: Binding | undefined, free: P): End {
  const target = binding ? scene.shapes.get(binding.toId) : undefined
  if (!binding || !target) return { handle: free, target: null }
  const { w, h } = shapeSize(target)
  const pageOfTarget = scene.pageTransform(target.id)
  const anchor = binding.isPrecise
    ? { x: Math.min(1, Math.max(0, binding.anchor.x)), y: Math.min(1, Math.max(0, binding.anchor.y)) }
    : { x: 0.5, y: 0.5 }
  const handle = apply(toArrow, apply(pageOfTarget, { x: anchor.x * w, y: anchor.y * h }))
  // Arrow space → the target's own space, where its box is [0, w] × [0, h].
  const toTarget = multiply(invert(pageOfTarget), invert(toArrow))
  return { handle, target: { shape: target, toTarget, w, h, exact: binding.isExact } }
}

const inside = (end: End, p: P) => {
  const t = end.target!
  const q = apply(t.toTarget, p)
  if (t.shape.type === 'geo' && (t.shape.props.geo === 'ellipse' || t.shape.props.geo === 'oval')) {
    const dx = (q.x - t.w / 2) / (t.w / 2 || 1)
    const dy = (q.y - t.h / 2) / (t.h / 2 || 1)
    return dx * dx + dy * dy <= 1
  }
  return q.x >= 0 && q.x <= t.w && q.y >= 0 && q.y <= t.h
}

/** Along `path` (points from the far end to this end), where it first enters this end's target. */
function cutAt(path: P[], end: End): number {
  if (!end.target || end.target.exact || path.length < 2 || !inside(end, path[path.length - 1]!)) return 1
  let lo = 0
  let hi = 1
  if (inside(end, path[0]!)) return 1
  for (let i = 0; i < 24; i++) {
    const mid = (lo + hi) / 2
    if (inside(end, along(path, mid))) hi = mid
    else lo = mid
  }
  return lo
}

/** A point `t` (0..1) of the way along a polyline. */
function along(path: P[], t: number): P {
  const f = t * (path.length - 1)
  const i = Math.min(path.length - 2, Math.floor(f))
  return lerp(path[i]!, path[i + 1]!, f - i)
}

/** The arrow's body as points: a line, an arc through the bend's midpoint, or one elbow. */
function bodyPoints(a: P, b: P, bend: number, elbow: boolean): P[] {
  if (elbow) {
    const midX = (a.x + b.x) / 2
    return [a, { x: midX, y: a.y }, { x: midX, y: b.y }, b]
  }
  const len = dist(a, b)
  if (Math.abs(bend) < 0.5 || len === 0) return [a, b]
  const u = { x: (b.x - a.x) / len, y: (b.y - a.y) / len }
  const mid = { x: (a.x + b.x) / 2 - bend * u.y, y: (a.y + b.y) / 2 + bend * u.x }
  // The circle through a, mid and b.
  const d = 2 * (a.x * (mid.y - b.y) + mid.x * (b.y - a.y) + b.x * (a.y - mid.y))
  if (Math.abs(d) < 1e-9) return [a, b]
  const sq = (p: P) => p.x * p.x + p.y * p.y
  const c = {
    x: (sq(a) * (mid.y - b.y) + sq(mid) * (b.y - a.y) + sq(b) * (a.y - mid.y)) / d,
    y: (sq(a) * (b.x - mid.x) + sq(mid) * (a.x - b.x) + sq(b) * (mid.x - a.x)) / d,
  }
  const r = dist(c, a)
  const angle = (p: P) => Math.atan2(p.y - c.y, p.x - c.x)
  const a0 = angle(a)
  let a1 = angle(b)
  const am = angle(mid)
  // Sweep the way that passes through mid.
  const norm = (x: number) => ((x % (2 * Math.PI)) + 2 * Math.PI) % (2 * Math.PI)
  const ccw = norm(am - a0) < norm(a1 - a0)
  a1 = ccw ? a0 + norm(a1 - a0) : a0 - norm(a0 - a1)
  const steps = 32
  return Array.from({ length: steps + 1 }, (_, i) => {
    const t = a0 + ((a1 - a0) * i) / steps
    return { x: c.x + r * Math.cos(t), y: c.y + r * Math.sin(t) }
  })
}

/** The polyline from `from` (0..1) to `to` of the way along `path`. */
function slice(path: P[], from: number, to: number): P[] {
  if (to <= from) return [along(path, from), along(path, from)]
  const n = path.length - 1
  const out = [along(path, from)]
  for (let i = Math.ceil(from * n); i < to * n; i++) if (i / n > from) out.push(path[i]!)
  out.push(along(path, to))
  return out
}

function pathLength(path: P[]): number {
  let n = 0
  for (let i = 1; i < path.length; i++) n += dist(path[i - 1]!, path[i]!)
  return n
}

export function paintArrow(pc: PaintContext, s: Shape, scene: Scene): void {
  const { ctx, theme } = pc
  const p = s.props
  const toArrow = invert(scene.pageTransform(s.id))
  const ends = scene.arrowBindings.get(s.id) ?? {}
  const freeStart = { x: num((p.start as P | undefined)?.x, 0), y: num((p.start as P | undefined)?.y, 0) }
  const freeEnd = { x: num((p.end as P | undefined)?.x, 0), y: num((p.end as P | undefined)?.y, 0) }
  const start = terminal(scene, toArrow, ends.start, freeStart)
  const end = terminal(scene, toArrow, ends.end, freeEnd)
  const body = bodyPoints(start.handle, end.handle, num(p.bend, 0), p.kind === 'elbow')
  // Cut where the body enters each target, then pull back by the gap.
  const tEnd = cutAt(body, end)
  const tStart = 1 - cutAt([...body].reverse(), start)
  const sw = strokeOf(s)
  const total = pathLength(body) || 1
  const gap = (e: End, head: unknown) =>
    e.target && !e.target.exact && head !== 'none'
      ? (BOUND_ARROW_OFFSET + sw / 2 + ('size' in e.target.shape.props ? strokeOf(e.target.shape) / 2 : 0)) *
        num(p.scale, 1)
      : 0
  const from = Math.min(1, tStart + gap(start, p.arrowheadStart) / total)
  const to = Math.max(0, tEnd - gap(end, p.arrowheadEnd) / total)
  const line = from < to ? slice(body, from, to) : slice(body, tStart, tEnd)
  const color = theme.tl(p.color).solid
  ctx.strokeStyle = color
  ctx.fillStyle = color
  ctx.lineWidth = sw
  ctx.lineCap = 'round'
  ctx.lineJoin = 'round'
  ctx.setLineDash(p.dash === 'dashed' ? [sw * 2, sw * 2] : p.dash === 'dotted' ? [0.01, sw * 2] : [])
  ctx.beginPath()
  line.forEach((q, i) => (i === 0 ? ctx.moveTo(q.x, q.y) : ctx.lineTo(q.x, q.y)))
  ctx.stroke()
  ctx.setLineDash([])
  const len = pathLength(line)
  arrowhead(
    ctx,
    line[line.length - 1]!,
    line[Math.max(0, line.length - 2)]!,
    str(p.arrowheadEnd, 'arrow'),
    sw,
    len,
  )
  arrowhead(ctx, line[0]!, line[Math.min(1, line.length - 1)]!, str(p.arrowheadStart, 'none'), sw, len)
  const text = plainText(p.richText ?? p.text)
  if (text) paintArrowLabel(pc, s, along(line, Math.min(1, Math.max(0, num(p.labelPosition, 0.5)))), text)
}

function arrowhead(
  ctx: CanvasRenderingContext2D,
  point: P,
  before: P,
  kind: string,
  sw: number,
  len: number,
) {
  if (kind === 'none' || dist(point, before) === 0) return
  const size = Math.min(Math.max(len / 5, sw), sw * 3)
  const u = { x: (before.x - point.x) / dist(point, before), y: (before.y - point.y) / dist(point, before) }
  const rot = (angle: number): P => ({
    x: point.x + size * (u.x * Math.cos(angle) - u.y * Math.sin(angle)),
    y: point.y + size * (u.x * Math.sin(angle) + u.y * Math.cos(angle)),
  })
  const [l, r] = [rot(Math.PI / 6), rot(-Math.PI / 6)]
  ctx.beginPath()
  if (kind === 'dot') {
    ctx.arc(point.x, point.y, size / 2, 0, Math.PI * 2)
    ctx.fill()
  } else if (kind === 'bar') {
    const n = { x: -u.y * size, y: u.x * size }
    ctx.moveTo(point.x - n.x, point.y - n.y)
    ctx.lineTo(point.x + n.x, point.y + n.y)
    ctx.stroke()
  } else if (kind === 'triangle' || kind === 'diamond' || kind === 'square' || kind === 'inverted') {
    ctx.moveTo(l.x, l.y)
    ctx.lineTo(point.x, point.y)
    ctx.lineTo(r.x, r.y)
    ctx.closePath()
    ctx.fill()
    ctx.stroke()
  } else {
    ctx.moveTo(l.x, l.y)
    ctx.lineTo(point.x, point.y)
    ctx.lineTo(r.x, r.y)
    ctx.stroke()
  }
}

/** The label on a background-coloured box, centred on its point (our 12 px protocol labels). */
function paintArrowLabel(pc: PaintContext, s: Shape, at: P, text: string) {
  const { ctx, theme } = pc
  const size = (ARROW_LABEL_FONT_SIZES[str(s.props.size, 'm') as 'm'] ?? 12) * num(s.props.scale, 1)
  if (!legible(pc, size)) return
  ctx.font = `${size}px ${fontFamily(s.props.font)}`
  const lines = wrapLines(ctx, text, Math.max(64, size * 12), 6)
  const w = Math.max(...lines.map((l) => ctx.measureText(l).width))
  const lh = size * 1.35
  const pad = 4.25
  const h = lines.length * lh
  ctx.fillStyle = theme.background
  ctx.fillRect(at.x - w / 2 - pad, at.y - h / 2 - pad, w + 2 * pad, h + 2 * pad)
  ctx.fillStyle = theme.tl(s.props.labelColor ?? 'black').solid
  ctx.textAlign = 'center'
  ctx.textBaseline = 'middle'
  lines.forEach((line, i) => ctx.fillText(line, at.x, at.y - h / 2 + lh * (i + 0.5)))
}
