import { CATALOG_ICONS } from '../../shapes/icons'

/**
 * The catalog's icons rendered once, hidden, by React like everywhere else: the painter reads
 * their shapes from here (it paints from effects, where React will not render synchronously).
 */
export function PaintIcons() {
  return (
    <div className="rp-paint-icons" hidden>
      {Object.entries(CATALOG_ICONS).map(([name, Icon]) => (
        <span key={name} data-icon={name}>
          <Icon size={24} strokeWidth={2} />
        </span>
      ))}
    </div>
  )
}

/** One element of a lucide icon (24 × 24 units, stroked unless it has a fill of its own). */
interface IconPart {
  path: Path2D
  filled: boolean
}

/** Each icon's parts, by name, read once from `PaintIcons`. */
const icons = new Map<string, IconPart[]>()

const num = (el: Element, name: string) => Number(el.getAttribute(name) ?? 0) || 0

/** An SVG element of lucide's (path, circle, ellipse, rect, line, polyline, polygon) as a path. */
function partOf(el: Element): IconPart | null {
  const tag = el.tagName.toLowerCase()
  const path = new Path2D(tag === 'path' ? (el.getAttribute('d') ?? '') : undefined)
  switch (tag) {
    case 'path':
      break
    case 'circle':
      path.arc(num(el, 'cx'), num(el, 'cy'), num(el, 'r'), 0, Math.PI * 2)
      break
    case 'ellipse':
      path.ellipse(num(el, 'cx'), num(el, 'cy'), num(el, 'rx'), num(el, 'ry'), 0, 0, Math.PI * 2)
      break
    case 'rect':
      path.roundRect(num(el, 'x'), num(el, 'y'), num(el, 'width'), num(el, 'height'), num(el, 'rx'))
      break
    case 'line':
      path.moveTo(num(el, 'x1'), num(el, 'y1'))
      path.lineTo(num(el, 'x2'), num(el, 'y2'))
      break
    case 'polyline':
    case 'polygon': {
      const xy = (el.getAttribute('points') ?? '')
        .trim()
        .split(/[\s,]+/)
        .map(Number)
      for (let i = 0; i + 1 < xy.length; i += 2) path[i === 0 ? 'moveTo' : 'lineTo'](xy[i]!, xy[i + 1]!)
      if (tag === 'polygon') path.closePath()
      break
    }
    default:
      return null
  }
  const fill = el.getAttribute('fill')
  return { path, filled: fill !== null && fill !== 'none' }
}

function partsOf(name: string): IconPart[] | null {
  const known = icons.get(name)
  if (known) return known
  if (!Object.hasOwn(CATALOG_ICONS, name)) return name === 'box' ? null : partsOf('box')
  const svg = document.querySelector(`.rp-paint-icons [data-icon="${CSS.escape(name)}"] svg`)
  // Not rendered (yet): the painter runs after the page's first commit, which renders them.
  if (!svg) return null
  const parts = [...svg.children].map(partOf).filter((p): p is IconPart => p !== null)
  icons.set(name, parts)
  return parts
}

/**
 * Draws the catalog icon `name` at (x, y), `size` units wide, as lucide draws it (its stroke
 * width in the icon's own 24 units); an unknown name draws the box icon, as on the board. Paths,
 * not images: drawn in the same frame (an image decodes later and cost the first frame a repaint)
 * and sharp at any zoom.
 */
export function paintIcon(
  ctx: CanvasRenderingContext2D,
  name: string,
  x: number,
  y: number,
  size: number,
  strokeWidth: number,
  color: string,
): void {
  const parts = partsOf(name)
  if (!parts) return
  ctx.save()
  ctx.translate(x, y)
  ctx.scale(size / 24, size / 24)
  ctx.lineWidth = strokeWidth
  ctx.lineCap = 'round'
  ctx.lineJoin = 'round'
  ctx.strokeStyle = color
  ctx.fillStyle = color
  ctx.setLineDash([])
  for (const { path, filled } of parts) {
    if (filled) ctx.fill(path)
    ctx.stroke(path)
  }
  ctx.restore()
}
