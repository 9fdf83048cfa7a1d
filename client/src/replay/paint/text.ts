import { richTextToPlain } from '@mockboard/shared'

/** tldraw's font families by style, as its `DefaultFontFamilies` names them. */
const FAMILIES: Record<string, string> = {
  draw: "'tldraw_draw', sans-serif",
  sans: "'tldraw_sans', sans-serif",
  serif: "'tldraw_serif', serif",
  mono: "'tldraw_mono', monospace",
}

export const fontFamily = (font: unknown) =>
  FAMILIES[typeof font === 'string' ? font : 'draw'] ?? FAMILIES.draw

export const plainText = (richText: unknown) => richTextToPlain(richText)

/** Longest label the painter lays out: the rest would not be readable on a board anyway. */
const MAX_CHARS = 2_000
/** Longest one-line text (a tab, a technology, a shard key) the painter measures. */
const MAX_SINGLE_LINE = 300

/** Wrapped labels by font, width and text: a board's labels change little between instants. */
const wrapped = new Map<string, string[]>()
const MAX_WRAPPED = 16_384

/** Word-wrapped lines of `text` within `width` (words longer than a line are broken). */
export function wrapLines(
  ctx: CanvasRenderingContext2D,
  text: string,
  width: number,
  maxLines = 200,
): string[] {
  const key = `${ctx.font}|${width}|${maxLines}|${text}`
  let lines = wrapped.get(key)
  if (!lines) {
    // Full: the oldest quarter goes (clearing it all made a board with more labels than it holds
    // lay out every label again on every frame).
    if (wrapped.size >= MAX_WRAPPED) {
      let drop = MAX_WRAPPED / 4
      for (const old of wrapped.keys()) {
        wrapped.delete(old)
        if (--drop === 0) break
      }
    }
    wrapped.set(key, (lines = wrap(ctx, text, width, maxLines)))
  }
  return lines
}

function wrap(ctx: CanvasRenderingContext2D, text: string, width: number, maxLines: number): string[] {
  const fits = (t: string) => ctx.measureText(t).width <= width
  // No glyph is narrower than a fifth of the font size: a line never holds more characters than
  // this, so a cut is searched (and measured) only within them.
  const em = Number.parseFloat(/([\d.]+)px/.exec(ctx.font)?.[1] ?? '12') || 12
  const maxChars = Math.max(1, Math.ceil(width / (em * 0.2)))
  const lines: string[] = []
  for (const paragraph of text.slice(0, MAX_CHARS).split('\n')) {
    let line = ''
    for (const word of paragraph.split(/(\s+)/)) {
      if (line !== '' && !fits(line + word)) {
        lines.push(line.trimEnd())
        line = word.trimStart()
      } else line += word
      // A word longer than the line: cut where it stops fitting (found by halving, not char by char).
      while (line.length > 1 && (line.length > maxChars || !fits(line)) && lines.length < maxLines) {
        let lo = 1
        let hi = Math.min(line.length - 1, maxChars)
        while (lo < hi) {
          const mid = (lo + hi + 1) >> 1
          if (fits(line.slice(0, mid))) lo = mid
          else hi = mid - 1
        }
        lines.push(line.slice(0, lo))
        line = line.slice(lo)
      }
      if (lines.length >= maxLines) return lines.slice(0, maxLines)
    }
    lines.push(line.trimEnd())
    if (lines.length >= maxLines) return lines.slice(0, maxLines)
  }
  return lines
}

/** `text` shortened with an ellipsis to fit `width`. */
export function ellipsize(ctx: CanvasRenderingContext2D, whole: string, width: number): string {
  // More than any card or tab shows: a crafted 800 kB label is not measured whole.
  const text = whole.slice(0, MAX_SINGLE_LINE)
  if (text.length === whole.length && ctx.measureText(text).width <= width) return text
  let lo = 0
  let hi = Math.min(text.length, MAX_CHARS)
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    if (ctx.measureText(`${text.slice(0, mid)}…`).width <= width) lo = mid
    else hi = mid - 1
  }
  return `${text.slice(0, lo)}…`
}

/**
 * Draws lines centred (or aligned) in a box: `align` start/middle/end horizontally, `valign`
 * start/middle/end vertically, with tldraw's line height of 1.35.
 */
export function drawLines(
  ctx: CanvasRenderingContext2D,
  lines: readonly string[],
  box: { x: number; y: number; w: number; h: number },
  fontSize: number,
  align: string,
  valign: string,
): void {
  const lh = fontSize * 1.35
  const total = lines.length * lh
  const top =
    valign === 'start' ? box.y : valign === 'end' ? box.y + box.h - total : box.y + (box.h - total) / 2
  ctx.textBaseline = 'middle'
  ctx.textAlign = align === 'start' ? 'left' : align === 'end' ? 'right' : 'center'
  const x = align === 'start' ? box.x : align === 'end' ? box.x + box.w : box.x + box.w / 2
  lines.forEach((line, i) => ctx.fillText(line, x, top + lh * (i + 0.5)))
}
