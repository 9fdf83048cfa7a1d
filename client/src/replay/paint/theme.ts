/**
 * Colours for the frame painter. Our own shapes' colours are read from the stylesheet the live
 * board draws them with (styles/shapes.css, tokens.css), through hidden probe elements, so they
 * have one home. tldraw's palette (geo, text, note, draw, arrow colours) is tldraw's
 * `defaultThemes` as of 5.4, copied: importing it would load the whole of tldraw, which is what
 * the painter is there to draw without.
 */

export interface TlColor {
  solid: string
  semi: string
  note: string
}

type Palette = Record<string, TlColor>

const c = (solid: string, semi: string, note: string): TlColor => ({ solid, semi, note })

const LIGHT: Palette = {
  black: c('#1d1d1d', '#e8e8e8', '#FCE19C'),
  blue: c('#4465e9', '#dce1f8', '#8AA3FF'),
  green: c('#099268', '#d3e9e3', '#6FC896'),
  grey: c('#9fa8b2', '#eceef0', '#C0CAD3'),
  'light-blue': c('#4ba1f1', '#ddedfa', '#9BC4FD'),
  'light-green': c('#4cb05e', '#dbf0e0', '#98D08A'),
  'light-red': c('#f87777', '#f4dadb', '#F7A5A1'),
  'light-violet': c('#e085f4', '#f5eafa', '#DFB0F9'),
  orange: c('#e16919', '#f8e2d4', '#FAA475'),
  red: c('#e03131', '#f4dadb', '#FC8282'),
  violet: c('#ae3ec9', '#ecdcf2', '#DB91FD'),
  yellow: c('#f1ac4b', '#f9f0e6', '#FED49A'),
  white: c('#FFFFFF', '#f5f5f5', '#FFFFFF'),
}

const DARK: Palette = {
  black: c('#f2f2f2', '#2c3036', '#2c2c2c'),
  blue: c('#4f72fc', '#262d40', '#2A3F98'),
  green: c('#099268', '#253231', '#014429'),
  grey: c('#9398b0', '#33373c', '#56595F'),
  'light-blue': c('#4dabf7', '#2a3642', '#1F5495'),
  'light-green': c('#40c057', '#2a3830', '#21581D'),
  'light-red': c('#ff8787', '#3c2b2b', '#7a3333'),
  'light-violet': c('#e599f7', '#383442', '#762F8E'),
  orange: c('#f76707', '#3b2e27', '#7c3905'),
  red: c('#e03131', '#382726', '#7e201f'),
  violet: c('#ae3ec9', '#342938', '#5f1c70'),
  yellow: c('#ffc034', '#3b352b', '#8a5e1c'),
  white: c('#f3f3f3', '#f5f5f5', '#eaeaea'),
}

export interface PaintTheme {
  dark: boolean
  background: string
  text: string
  tl(color: unknown): TlColor
  /** A component group's accent and its soft tint (`--g`, `--g-soft`). */
  group(group: string): { g: string; soft: string }
  card: { card: string; ink: string; ink2: string }
  /** A frame kind's colour by its dash (`--frame`). */
  frame(dash: string): string
}

/** Reads the CSS colours once per mode, from probes inside `host` (so the page's stylesheet applies). */
export function readTheme(host: HTMLElement, dark: boolean): PaintTheme {
  const palette = dark ? DARK : LIGHT
  const probeRoot = document.createElement('div')
  probeRoot.className = dark ? 'mb-dark tl-theme__dark' : ''
  probeRoot.style.cssText = 'position:absolute;width:0;height:0;overflow:hidden;visibility:hidden'
  host.appendChild(probeRoot)
  const probe = (className: string, ...vars: string[]) => {
    const el = document.createElement('div')
    el.className = className
    probeRoot.appendChild(el)
    const style = getComputedStyle(el)
    return vars.map((v) => style.getPropertyValue(v).trim())
  }
  const groups = new Map<string, { g: string; soft: string }>()
  const frames = new Map<string, string>()
  const [card, ink, ink2] = probe('mb-component', '--card', '--ink', '--ink-2')
  const theme: PaintTheme = {
    dark,
    background: dark ? 'hsl(240, 5%, 6.5%)' : '#f9fafb',
    text: dark ? 'hsl(210, 17%, 98%)' : '#000000',
    tl: (color) => palette[typeof color === 'string' ? color : 'black'] ?? palette.black!,
    group(group) {
      let found = groups.get(group)
      if (!found) {
        const [g, soft] = probe(`mb-group-${group}`, '--g', '--g-soft')
        groups.set(group, (found = { g: g || '#475569', soft: soft || '#edf0f4' }))
      }
      return found
    },
    card: { card: card || (dark ? '#1e2128' : '#ffffff'), ink: ink || '#1d2129', ink2: ink2 || '#687080' },
    frame(dash) {
      let found = frames.get(dash)
      if (!found) frames.set(dash, (found = probe(`mb-frame mb-frame--${dash}`, '--frame')[0] || '#64748b'))
      return found
    },
  }
  // Every group and frame kind is read while the probes are in the page (one style recalculation);
  // a kind this build does not know gets the fallback colour.
  for (const g of ['clients', 'edge', 'compute', 'data', 'messaging', 'platform', 'external', 'frames'])
    theme.group(g)
  for (const d of ['solid', 'dashed', 'dotted']) theme.frame(d)
  probeRoot.remove()
  return theme
}

/** `color-mix(in srgb, <hex> p%, transparent)`: the colour at opacity p. */
export function withAlpha(color: string, alpha: number): string {
  const hex = /^#([0-9a-f]{6})$/i.exec(color)
  if (!hex) return color
  const n = parseInt(hex[1]!, 16)
  return `rgba(${n >> 16},${(n >> 8) & 255},${n & 255},${alpha})`
}

/** `color-mix(in srgb, a p%, b)` for two hex colours. */
export function mix(a: string, b: string, p: number): string {
  const ha = /^#([0-9a-f]{6})$/i.exec(a)
  const hb = /^#([0-9a-f]{6})$/i.exec(b)
  if (!ha || !hb) return a
  const na = parseInt(ha[1]!, 16)
  const nb = parseInt(hb[1]!, 16)
  const ch = (s: number) => Math.round(((na >> s) & 255) * p + ((nb >> s) & 255) * (1 - p))
  return `rgb(${ch(16)},${ch(8)},${ch(0)})`
}
