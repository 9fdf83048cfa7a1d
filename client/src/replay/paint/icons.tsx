import { CATALOG_ICONS } from '../../shapes/icons'

/** Catalog icons as images, by icon name, size and colour: lucide's own SVG, decoded once each. */
const images = new Map<string, HTMLImageElement>()
/** More distinct icon/colour pairs than a board has; only a bound. */
const MAX_IMAGES = 512

/**
 * The catalog's icons rendered once, hidden, by React like everywhere else: the painter reads
 * their markup from here (it paints from effects, where React will not render synchronously).
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

/**
 * The icon as an image ready to draw, or null while it decodes (`onReady` is called once it can
 * be drawn, for a repaint). An unknown name draws the box icon, as on the board.
 */
export function iconImage(
  name: string,
  size: number,
  strokeWidth: number,
  color: string,
  onReady: () => void,
): HTMLImageElement | null {
  const key = `${name}|${size}|${strokeWidth}|${color}`
  let img = images.get(key)
  if (!img) {
    const svg = (
      document.querySelector(`.rp-paint-icons [data-icon="${CSS.escape(name)}"] svg`) ??
      document.querySelector('.rp-paint-icons [data-icon="box"] svg')
    )?.cloneNode(true) as SVGElement | undefined
    if (!svg) return null
    svg.setAttribute('xmlns', 'http://www.w3.org/2000/svg')
    svg.setAttribute('width', String(size))
    svg.setAttribute('height', String(size))
    svg.setAttribute('stroke', color)
    svg.setAttribute('stroke-width', String(strokeWidth))
    if (images.size >= MAX_IMAGES) images.clear()
    img = new Image(size, size)
    images.set(key, img)
    img.onload = onReady
    img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg.outerHTML)}`
  }
  return img.complete && img.naturalWidth > 0 ? img : null
}
