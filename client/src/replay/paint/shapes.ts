import { FRAME_KINDS } from '@mockboard/shared'

import { kindInfo } from '../../shapes/groupStyle'
import { decodePoints } from './points'
import type { Shape } from './scene'
import { drawLines, ellipsize, fontFamily, plainText, wrapLines } from './text'
import { mix, type PaintTheme, withAlpha } from './theme'

/** What drawing a shape needs besides the shape: colours, images, a way to ask for a repaint. */
export interface PaintContext {
  ctx: CanvasRenderingContext2D
  theme: PaintTheme
  /** An image by URL once it can be drawn (null while it loads; a repaint follows). */
  image(src: string): CanvasImageSource | null
  icon(name: string, size: number, strokeWidth: number, color: string): CanvasImageSource | null
  assetSrc(assetId: unknown): string | null
}

const num = (v: unknown, fallback: number) => (typeof v === 'number' && Number.isFinite(v) ? v : fallback)
const str = (v: unknown, fallback = '') => (typeof v === 'string' ? v : fallback)
const scaleOf = (s: Shape) => num(s.props.scale, 1)

/** tldraw's size scales (`default-shape-constants`), times its theme's 16 px and stroke of 2. */
const STROKE: Record<string, number> = { s: 2, m: 3.5, l: 5, xl: 10 }
const FONT: Record<string, number> = { s: 18, m: 24, l: 36, xl: 44 }
const LABEL_FONT: Record<string, number> = { s: 18, m: 22, l: 26, xl: 32 }
export const strokeOf = (s: Shape) => (STROKE[str(s.props.size, 'm')] ?? 3.5) * scaleOf(s)

/** A shape's box in its own space (arrows, lines and strokes are measured from their points). */
export function shapeSize(s: Shape): { w: number; h: number } {
  const p = s.props
  const scale = scaleOf(s)
  switch (s.type) {
    case 'note':
      return { w: 200 * scale, h: (200 + num(p.growY, 0)) * scale }
    case 'geo':
      return { w: num(p.w, 100), h: num(p.h, 100) + num(p.growY, 0) }
    case 'text':
      return { w: num(p.w, 8) * scale, h: (FONT[str(p.size, 'm')] ?? 24) * 1.35 * scale }
    default:
      return { w: num(p.w, 0), h: num(p.h, 0) }
  }
}

export function roundRect(
  ctx: CanvasRenderingContext2D,
  x: number,
  y: number,
  w: number,
  h: number,
  r: number,
) {
  ctx.beginPath()
  ctx.roundRect(x, y, w, h, Math.max(0, Math.min(r, w / 2, h / 2)))
}

function setDash(ctx: CanvasRenderingContext2D, dash: string, width: number) {
  ctx.setLineDash(dash === 'dashed' ? [width * 2, width * 2] : dash === 'dotted' ? [0.01, width * 2] : [])
}

/** Our system component card (SystemComponentView + styles/shapes.css), drawn in its own space. */
export function paintComponent(pc: PaintContext, s: Shape): void {
  const { ctx, theme } = pc
  const info = kindInfo(str(s.props.kind))
  const { g, soft } = theme.group(info.group)
  const { card, ink, ink2 } = theme.card
  const { w, h } = shapeSize(s)
  const replicas = Math.floor(num(s.props.replicas, 1))
  const ghosts = Math.min(Math.max(replicas - 1, 0), 2)
  ctx.lineWidth = 1.5
  for (let i = 0; i < ghosts; i++) {
    const d = (ghosts - i) * 6
    roundRect(ctx, d, -d, w, h, 12)
    ctx.fillStyle = mix(soft, card, 0.6)
    ctx.fill()
    ctx.strokeStyle = withAlpha(g, 0.3)
    ctx.stroke()
  }
  roundRect(ctx, 0, 0, w, h, 12)
  ctx.fillStyle = card
  ctx.fill()
  ctx.strokeStyle = withAlpha(g, 0.45)
  ctx.stroke()
  ctx.fillStyle = g
  roundRect(ctx, -1.5, 12, 3, Math.max(0, h - 24), 1.5)
  ctx.fill()
  // Icon tile: 34 px, 10 px in, centred vertically.
  const iconY = (h - 34) / 2
  roundRect(ctx, 10, iconY, 34, 34, 10)
  ctx.fillStyle = soft
  ctx.fill()
  const icon = pc.icon(info.icon, 20, 1.75, g)
  if (icon) ctx.drawImage(icon, 17, iconY + 7, 20, 20)
  // Text column: name (bold 15/18, two lines at most), technology (12), shard key (mono 10.5).
  const left = 53
  const width = Math.max(1, w - left - 10)
  ctx.font = `bold 15px 'tldraw_sans', 'Mockboard Sans', sans-serif`
  const name = str(s.props.label) || info.label
  let lines = wrapLines(ctx, name, width, 3)
  if (lines.length > 2) lines = [lines[0]!, ellipsize(ctx, `${lines[1]} ${lines.slice(2).join(' ')}`, width)]
  const tech = str(s.props.technology)
  const shard = str(s.props.shardKey)
  const height = lines.length * 18 + (tech ? 16.6 : 0) + (shard ? 18 : 0)
  let y = (h - height) / 2
  ctx.fillStyle = ink
  ctx.textAlign = 'left'
  ctx.textBaseline = 'middle'
  for (const line of lines) {
    ctx.fillText(line, left, y + 9)
    y += 18
  }
  if (tech) {
    ctx.font = `12px 'tldraw_sans', 'Mockboard Sans', sans-serif`
    ctx.fillStyle = ink2
    ctx.fillText(ellipsize(ctx, tech, width), left, y + 1 + 7.8)
    y += 16.6
  }
  if (shard) {
    ctx.font = `10.5px 'tldraw_mono', monospace`
    const text = ellipsize(ctx, shard, width - 21)
    const tw = ctx.measureText(text).width + 21
    roundRect(ctx, left, y + 3, Math.min(tw, width), 15, 5)
    ctx.fillStyle = soft
    ctx.fill()
    ctx.fillStyle = g
    ctx.fillText(text, left + 17, y + 10.5)
  }
  if (replicas > 1) {
    ctx.font = `bold 12px 'tldraw_sans', 'Mockboard Sans', sans-serif`
    const label = `×${replicas}`
    const bw = Math.max(26, ctx.measureText(label).width + 14)
    roundRect(ctx, w + 10 - bw, -10, bw, 22, 11)
    ctx.fillStyle = g
    ctx.fill()
    ctx.lineWidth = 2
    ctx.strokeStyle = card
    ctx.stroke()
    ctx.fillStyle = theme.dark ? '#111318' : '#fff'
    ctx.textAlign = 'center'
    ctx.fillText(label, w + 10 - bw / 2, 1)
  }
}

/** Our region / zone / VPC frame (SystemFrameView): a rounded border and a tab above it. */
export function paintSystemFrame(pc: PaintContext, s: Shape): void {
  const { ctx, theme } = pc
  const kind = FRAME_KINDS.find((f) => f.kind === s.props.kind) ?? FRAME_KINDS[0]
  const color = theme.frame(kind.dash)
  const { w, h } = shapeSize(s)
  roundRect(ctx, 0, 0, w, h, 16)
  ctx.fillStyle = withAlpha(color, 0.05)
  ctx.fill()
  ctx.lineWidth = kind.dash === 'dotted' ? 2.5 : 2
  ctx.setLineDash(kind.dash === 'dashed' ? [6, 4] : kind.dash === 'dotted' ? [2.5, 2.5] : [])
  ctx.strokeStyle = color
  ctx.stroke()
  ctx.setLineDash([])
  ctx.font = `bold 13px 'tldraw_sans', 'Mockboard Sans', sans-serif`
  const label = str(s.props.label) || kind.label
  const tw = ctx.measureText(label).width + 14 + 6 + 20
  roundRect(ctx, -2, -30, tw, 26, 8)
  ctx.fillStyle = withAlpha(color, 0.12)
  ctx.fill()
  const icon = pc.icon(kind.icon, 14, 2, color)
  if (icon) ctx.drawImage(icon, 8, -24, 14, 14)
  ctx.fillStyle = color
  ctx.textAlign = 'left'
  ctx.textBaseline = 'middle'
  ctx.fillText(label, 28, -17)
}

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
  if (!text) return
  const { ctx } = pc
  ctx.font = `${fontSize}px ${fontFamily(s.props.font)}`
  ctx.fillStyle = color
  const pad = 16 * scaleOf(s)
  const inner = { x: pad, y: pad, w: Math.max(1, box.w - 2 * pad), h: Math.max(1, box.h - 2 * pad) }
  const lines = wrapLines(ctx, text, inner.w)
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
  const sw = strokeOf(s)
  ctx.lineWidth = sw
  ctx.lineJoin = 'round'
  setDash(ctx, str(s.props.dash), sw)
  ctx.strokeStyle = theme.tl(s.props.color).solid
  ctx.stroke()
  ctx.setLineDash([])
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
  if (!text) return
  const size = (FONT[str(s.props.size, 'm')] ?? 24) * scaleOf(s)
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

/** Freehand strokes and highlights: the recorded points joined (tldraw smooths and tapers them). */
export function paintStroke(pc: PaintContext, s: Shape): void {
  const { ctx, theme } = pc
  const segments = Array.isArray(s.props.segments) ? s.props.segments : []
  const highlight = s.type === 'highlight'
  ctx.lineWidth = strokeOf(s) * (highlight ? 4 : 1)
  ctx.lineCap = 'round'
  ctx.lineJoin = 'round'
  ctx.strokeStyle = highlight ? withAlpha(theme.tl(s.props.color).solid, 0.35) : theme.tl(s.props.color).solid
  ctx.beginPath()
  // Points in all: more than any hand draws in one stroke; a crafted record is cut short.
  let budget = 20_000
  for (const seg of segments) {
    if (budget <= 0) break
    const pts = decodePoints((seg as { path?: unknown; points?: unknown }) ?? {}).slice(0, budget)
    budget -= Math.max(1, pts.length)
    pts.forEach((p, i) => (i === 0 ? ctx.moveTo(p.x, p.y) : ctx.lineTo(p.x, p.y)))
  }
  ctx.stroke()
}

export function paintLine(pc: PaintContext, s: Shape): void {
  const { ctx, theme } = pc
  const raw =
    s.props.points && typeof s.props.points === 'object' ? Object.values(s.props.points).slice(0, 5_000) : []
  const pts = (raw as { x?: unknown; y?: unknown; index?: unknown }[])
    .filter((p) => p && typeof p.x === 'number' && typeof p.y === 'number')
    .sort((a, b) => (str(a.index) < str(b.index) ? -1 : 1)) as { x: number; y: number }[]
  const sw = strokeOf(s)
  ctx.lineWidth = sw
  ctx.lineCap = 'round'
  setDash(ctx, str(s.props.dash), sw)
  ctx.strokeStyle = theme.tl(s.props.color).solid
  ctx.beginPath()
  pts.forEach((p, i) => (i === 0 ? ctx.moveTo(p.x, p.y) : ctx.lineTo(p.x, p.y)))
  ctx.stroke()
  ctx.setLineDash([])
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

/** Anything else (embeds, bookmarks, video, a type from a newer client): its box, dashed. */
export function paintPlaceholder(pc: PaintContext, s: Shape): void {
  const { ctx, theme } = pc
  const { w, h } = shapeSize(s)
  if (w <= 0 || h <= 0) return
  ctx.lineWidth = 1.5
  ctx.setLineDash([6, 4])
  ctx.strokeStyle = theme.tl('grey').solid
  ctx.strokeRect(0, 0, w, h)
  ctx.setLineDash([])
}
