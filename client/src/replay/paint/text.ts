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

/** Word-wrapped lines of `text` within `width` (words longer than a line are broken). */
export function wrapLines(
  ctx: CanvasRenderingContext2D,
  text: string,
  width: number,
  maxLines = 200,
): string[] {
  const lines: string[] = []
  for (const paragraph of text.slice(0, MAX_CHARS).split('\n')) {
    let line = ''
    for (const word of paragraph.split(/(\s+)/)) {
      const next = line + word
      if (line === '' || ctx.measureText(next).width <= width) {
        line = next
        continue
      }
      lines.push(line.trimEnd())
      line = word.trimStart()
      while (line && ctx.measureText(line).width > width && line.length > 1) {
        let cut = line.length - 1
        while (cut > 1 && ctx.measureText(line.slice(0, cut)).width > width) cut--
        lines.push(line.slice(0, cut))
        line = line.slice(cut)
      }
      if (lines.length >= maxLines) return lines.slice(0, maxLines)
    }
    lines.push(line.trimEnd())
    if (lines.length >= maxLines) return lines.slice(0, maxLines)
  }
  return lines
}

/** `text` shortened with an ellipsis to fit `width`. */
export function ellipsize(ctx: CanvasRenderingContext2D, text: string, width: number): string {
  if (ctx.measureText(text).width <= width) return text
  let end = Math.min(text.length, MAX_CHARS)
  while (end > 0 && ctx.measureText(`${text.slice(0, end)}…`).width > width) end--
  return `${text.slice(0, end)}…`
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
