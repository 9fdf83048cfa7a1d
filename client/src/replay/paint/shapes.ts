import { frameKindInfo, kindInfo } from '../../shapes/groupStyle'
import { num, type Shape, str } from './scene'
import { ellipsize, wrapLines } from './text'
import { mix, type PaintTheme, withAlpha } from './theme'

/** What drawing a shape needs besides the shape: colours, images, a way to ask for a repaint. */
export interface PaintContext {
  ctx: CanvasRenderingContext2D
  theme: PaintTheme
  /** An image by URL once it can be drawn (null while it loads; a repaint follows). */
  image(src: string): CanvasImageSource | null
  /** Draws a catalog icon, `size` units wide, at (x, y). */
  icon(name: string, x: number, y: number, size: number, strokeWidth: number, color: string): void
  assetSrc(assetId: unknown): string | null
  /** Screen pixels per page unit: text smaller than a few pixels on screen is not laid out. */
  zoom: number
  /** Freehand points still to draw in this frame (a crafted board is cut short, not slow). */
  budget: { points: number }
}

/** Whether text of `size` page units is large enough on screen to read (else it is skipped). */
export const legible = (pc: PaintContext, size: number) => size * pc.zoom >= 2.5

export const scaleOf = (s: Shape) => num(s.props.scale, 1)

/** tldraw's size scales (`default-shape-constants`), times its theme's 16 px and stroke of 2. */
const STROKE: Record<string, number> = { s: 2, m: 3.5, l: 5, xl: 10 }
export const FONT: Record<string, number> = { s: 18, m: 24, l: 36, xl: 44 }
export const LABEL_FONT: Record<string, number> = { s: 18, m: 22, l: 26, xl: 32 }
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

function roundRect(ctx: CanvasRenderingContext2D, x: number, y: number, w: number, h: number, r: number) {
  ctx.beginPath()
  ctx.roundRect(x, y, w, h, Math.max(0, Math.min(r, w / 2, h / 2)))
}

/** Strokes the current path as tldraw strokes a shape: its colour, size and dash, round joins and caps. */
export function strokeShape(pc: PaintContext, s: Shape): void {
  const { ctx } = pc
  const sw = strokeOf(s)
  const dash = str(s.props.dash)
  ctx.lineWidth = sw
  ctx.lineJoin = 'round'
  ctx.lineCap = 'round'
  ctx.setLineDash(dash === 'dashed' ? [sw * 2, sw * 2] : dash === 'dotted' ? [0.01, sw * 2] : [])
  ctx.strokeStyle = pc.theme.tl(s.props.color).solid
  ctx.stroke()
  ctx.setLineDash([])
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
  pc.icon(info.icon, 17, iconY + 7, 20, 1.75, g)
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
    ctx.textBaseline = 'middle'
    ctx.fillText(label, w + 10 - bw / 2, 1)
  }
  // Text column: name (bold 15/18, two lines at most), technology (12), shard key (mono 10.5).
  const left = 53
  const width = Math.max(1, w - left - 10)
  if (!legible(pc, 15)) return
  ctx.font = `bold 15px 'tldraw_sans', 'Mockboard Sans', sans-serif`
  const name = (str(s.props.label) || info.label).slice(0, 300)
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
}

/** Our region / zone / VPC frame (SystemFrameView): a rounded border and a tab above it. */
export function paintSystemFrame(pc: PaintContext, s: Shape): void {
  const { ctx, theme } = pc
  const kind = frameKindInfo(s.props.kind)
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
  if (!legible(pc, 13)) return
  ctx.font = `bold 13px 'tldraw_sans', 'Mockboard Sans', sans-serif`
  const label = ellipsize(ctx, str(s.props.label) || kind.label, 2_000)
  const tw = ctx.measureText(label).width + 14 + 6 + 20
  roundRect(ctx, -2, -30, tw, 26, 8)
  ctx.fillStyle = withAlpha(color, 0.12)
  ctx.fill()
  pc.icon(kind.icon, 8, -24, 14, 2, color)
  ctx.fillStyle = color
  ctx.textAlign = 'left'
  ctx.textBaseline = 'middle'
  ctx.fillText(label, 28, -17)
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
