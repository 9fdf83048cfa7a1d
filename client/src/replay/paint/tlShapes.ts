import { decodePoints } from './points'
import { num, type Shape, str } from './scene'
import {
  FONT,
  LABEL_FONT,
  legible,
  type PaintContext,
  paintPlaceholder,
  scaleOf,
  shapeSize,
  strokeOf,
  strokeShape,
} from './shapes'
import { drawLines, ellipsize, fontFamily, plainText, wrapLines } from './text'
import { type PaintTheme, withAlpha } from './theme'

/** tldraw's own shapes, drawn as its shape utils lay them out (without its smoothing and hand-drawn style). */

/** Points of tldraw's geo outlines in a w×h box (the curved ones drawn as an ellipse). */
function geoPath(ctx: CanvasRenderingContext2D, geo: string, w: number, h: number): void {
  const poly = (pts: [number, number][]) => {
    ctx.beginPath()
    pts.forEach(([x, y], i) => (i === 0 ? ctx.moveTo(x * w, y * h) : ctx.lineTo(x * w, y * h)))
    ctx.closePath()
  }
  const ngon = (n: number, start: number) =>
    poly(
      Array.from({ length: n }, (_, i) => {
        const a = start + (i * 2 * Math.PI) / n
        return [0.5 + Math.cos(a) / 2, 0.5 + Math.sin(a) / 2] as [number, number]
      }),
    )
  switch (geo) {
    case 'ellipse':
    case 'oval':
    case 'cloud':
    case 'heart':
      ctx.beginPath()
      ctx.ellipse(w / 2, h / 2, w / 2, h / 2, 0, 0, Math.PI * 2)
      return
    case 'triangle':
      return poly([
        [0.5, 0],
        [1, 1],
        [0, 1],
      ])
    case 'diamond':
      return poly([
        [0.5, 0],
        [1, 0.5],
        [0.5, 1],
        [0, 0.5],
      ])
    case 'pentagon':
      return ngon(5, -Math.PI / 2)
    case 'hexagon':
      return ngon(6, 0)
    case 'octagon':
      return ngon(8, Math.PI / 8)
    case 'trapezoid':
      return poly([
        [0.25, 0],
        [0.75, 0],
        [1, 1],
        [0, 1],
      ])
    case 'rhombus':
      return poly([
        [0.25, 0],
        [1, 0],
        [0.75, 1],
        [0, 1],
      ])
    case 'rhombus-2':
      return poly([
        [0, 0],
        [0.75, 0],
        [1, 1],
        [0.25, 1],
      ])
    case 'arrow-right':
      return poly([
        [0, 0.25],
        [0.6, 0.25],
        [0.6, 0],
        [1, 0.5],
        [0.6, 1],
        [0.6, 0.75],
        [0, 0.75],
      ])
    case 'arrow-left':
      return poly([
        [1, 0.25],
        [0.4, 0.25],
        [0.4, 0],
        [0, 0.5],
        [0.4, 1],
        [0.4, 0.75],
        [1, 0.75],
      ])
    case 'arrow-up':
      return poly([
        [0.25, 1],
        [0.25, 0.4],
        [0, 0.4],
        [0.5, 0],
        [1, 0.4],
        [0.75, 0.4],
        [0.75, 1],
      ])
    case 'arrow-down':
      return poly([
        [0.25, 0],
        [0.25, 0.6],
        [0, 0.6],
        [0.5, 1],
        [1, 0.6],
        [0.75, 0.6],
        [0.75, 0],
      ])
    default:
      ctx.beginPath()
      ctx.rect(0, 0, w, h)
  }
}

/** tldraw's fills: `semi` is the canvas's near-white, `solid` the colour's tint. */
function fillFor(theme: PaintTheme, fill: string, color: unknown): string | null {
  if (fill === 'none' || fill === '') return null
  if (fill === 'semi') return theme.dark ? '#010403' : '#fcfffe'
  if (fill === 'fill') return theme.tl(color).solid
  return theme.tl(color).semi
}

const ALIGN: Record<string, string> = {
  start: 'start',
  end: 'end',
  'start-legacy': 'start',
  'end-legacy': 'end',
}

function paintLabel(
  pc: PaintContext,
  s: Shape,
  box: { w: number; h: number },
  fontSize: number,
  color: string,
) {
  const text = plainText(s.props.richText ?? s.props.text)
  if (!text || !legible(pc, fontSize)) return
  const { ctx } = pc
  ctx.font = `${fontSize}px ${fontFamily(s.props.font)}`
  ctx.fillStyle = color
  const pad = 16 * scaleOf(s)
  const inner = { x: pad, y: pad, w: Math.max(1, box.w - 2 * pad), h: Math.max(1, box.h - 2 * pad) }
  // No more lines than the shape can show (a 2,000-character word in a 1-px box is 2,000 lines).
  const lines = wrapLines(ctx, text, inner.w, Math.min(200, Math.ceil(inner.h / (fontSize * 1.35)) + 1))
  drawLines(
    ctx,
    lines,
    inner,
    fontSize,
    ALIGN[str(s.props.align)] ?? 'middle',
    str(s.props.verticalAlign, 'middle'),
  )
}

export function paintGeo(pc: PaintContext, s: Shape): void {
  const { ctx, theme } = pc
  const { w, h } = shapeSize(s)
  geoPath(ctx, str(s.props.geo, 'rectangle'), w, h)
  const fill = fillFor(theme, str(s.props.fill, 'none'), s.props.color)
  if (fill) {
    ctx.fillStyle = fill
    ctx.fill()
  }
  strokeShape(pc, s)
  const size = (LABEL_FONT[str(s.props.size, 'm')] ?? 22) * scaleOf(s)
  paintLabel(pc, s, { w, h }, size, theme.tl(s.props.labelColor ?? 'black').solid)
}

export function paintNote(pc: PaintContext, s: Shape): void {
  const { ctx, theme } = pc
  const { w, h } = shapeSize(s)
  ctx.fillStyle = theme.tl(s.props.color).note
  ctx.fillRect(0, 0, w, h)
  const size = (LABEL_FONT[str(s.props.size, 'm')] ?? 22) * scaleOf(s)
  paintLabel(pc, s, { w, h }, size, theme.dark ? '#f2f2f2' : '#000000')
}

export function paintText(pc: PaintContext, s: Shape): void {
  const { ctx, theme } = pc
  const text = plainText(s.props.richText ?? s.props.text)
  const size = (FONT[str(s.props.size, 'm')] ?? 24) * scaleOf(s)
  if (!text || !legible(pc, size)) return
  ctx.font = `${size}px ${fontFamily(s.props.font)}`
  ctx.fillStyle = theme.tl(s.props.color).solid
  const width = s.props.autoSize === false ? num(s.props.w, 8) * scaleOf(s) : Number.POSITIVE_INFINITY
  const lines = wrapLines(ctx, text, width)
  const w = Number.isFinite(width) ? width : Math.max(...lines.map((l) => ctx.measureText(l).width))
  drawLines(
    ctx,
    lines,
    { x: 0, y: 0, w, h: lines.length * size * 1.35 },
    size,
    ALIGN[str(s.props.textAlign)] ?? 'start',
    'start',
  )
}

/** Decoded points by shape record (the scene keeps a record's object while its JSON is the same). */
const decoded = new WeakMap<Shape, { x: number; y: number }[][]>()
/** Points of one shape: more than any hand draws in one stroke; a crafted record is cut short. */
const MAX_SHAPE_POINTS = 20_000

function strokePoints(s: Shape): { x: number; y: number }[][] {
  let found = decoded.get(s)
  if (!found) {
    found = []
    let left = MAX_SHAPE_POINTS
    for (const seg of Array.isArray(s.props.segments) ? s.props.segments : []) {
      if (left <= 0) break
      const pts = decodePoints((seg as { path?: unknown; points?: unknown }) ?? {}).slice(0, left)
      left -= Math.max(1, pts.length)
      found.push(pts)
    }
    decoded.set(s, found)
  }
  return found
}

/** Freehand strokes and highlights: the recorded points joined (tldraw smooths and tapers them). */
export function paintStroke(pc: PaintContext, s: Shape): void {
  const { ctx, theme } = pc
  const highlight = s.type === 'highlight'
  ctx.lineWidth = strokeOf(s) * (highlight ? 4 : 1)
  ctx.lineCap = 'round'
  ctx.lineJoin = 'round'
  ctx.strokeStyle = highlight ? withAlpha(theme.tl(s.props.color).solid, 0.35) : theme.tl(s.props.color).solid
  ctx.beginPath()
  // Nothing left of the frame's budget: not even decoded.
  if (pc.budget.points <= 0) return
  // Points closer than about a screen pixel to the last one drawn add nothing to the picture.
  const step = 0.75 / Math.max(pc.zoom, 1e-6)
  for (const pts of strokePoints(s)) {
    let last: { x: number; y: number } | null = null
    for (const p of pts) {
      if (last && Math.abs(p.x - last.x) < step && Math.abs(p.y - last.y) < step) continue
      // The frame's budget: a board of crafted strokes is cut short rather than slow to draw.
      if (pc.budget.points <= 0) break
      pc.budget.points--
      if (last) ctx.lineTo(p.x, p.y)
      else ctx.moveTo(p.x, p.y)
      last = p
    }
  }
  ctx.stroke()
}

export function paintLine(pc: PaintContext, s: Shape): void {
  const { ctx } = pc
  const raw =
    s.props.points && typeof s.props.points === 'object' ? Object.values(s.props.points).slice(0, 5_000) : []
  const pts = (raw as { x?: unknown; y?: unknown; index?: unknown }[])
    .filter((p) => p && typeof p.x === 'number' && typeof p.y === 'number')
    .sort((a, b) => (str(a.index) < str(b.index) ? -1 : 1)) as { x: number; y: number }[]
  ctx.beginPath()
  pts.forEach((p, i) => (i === 0 ? ctx.moveTo(p.x, p.y) : ctx.lineTo(p.x, p.y)))
  strokeShape(pc, s)
}

/** tldraw's own frame: a box with its name above. */
export function paintTlFrame(pc: PaintContext, s: Shape): void {
  const { ctx, theme } = pc
  const { w, h } = shapeSize(s)
  ctx.fillStyle = theme.dark ? '#010403' : '#fcfffe'
  ctx.fillRect(0, 0, w, h)
  ctx.lineWidth = 1
  ctx.strokeStyle = theme.tl(s.props.color ?? 'black').solid
  ctx.strokeRect(0, 0, w, h)
  if (!legible(pc, 12)) return
  ctx.font = `12px 'tldraw_sans', sans-serif`
  ctx.fillStyle = theme.text
  ctx.textAlign = 'left'
  ctx.textBaseline = 'bottom'
  ctx.fillText(ellipsize(ctx, str(s.props.name) || 'Frame', w), 0, -4)
}

export function paintImage(pc: PaintContext, s: Shape): void {
  const { w, h } = shapeSize(s)
  const src = pc.assetSrc(s.props.assetId)
  const img = src ? pc.image(src) : null
  if (img) pc.ctx.drawImage(img, 0, 0, w, h)
  else paintPlaceholder(pc, s)
}
