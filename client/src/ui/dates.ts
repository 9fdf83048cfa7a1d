/**
 * Dates and times in the reader's locale, one Intl formatter per style for the page:
 * `toLocale…String` with options builds a new formatter per call (a table of sessions or a
 * report's rows paid for one per cell), and the first one a page makes loads the locale's data.
 */
const STYLES = {
  /** 14:05 */
  minutes: { hour: '2-digit', minute: '2-digit' },
  /** 14:05:09 */
  seconds: { hour: '2-digit', minute: '2-digit', second: '2-digit' },
  /** 3 Dec */
  day: { day: 'numeric', month: 'short' },
  /** 3 Dec 2026 */
  date: { day: 'numeric', month: 'short', year: 'numeric' },
  /** 3 Dec 2026, 14:05 */
  dateTime: { dateStyle: 'medium', timeStyle: 'short' },
} satisfies Record<string, Intl.DateTimeFormatOptions>

export type DateStyle = keyof typeof STYLES

const formatters = new Map<DateStyle, Intl.DateTimeFormat>()

/** The formatter of `style`, made on first use (or ahead of it, to take its cost early). */
export function formatterOf(style: DateStyle): Intl.DateTimeFormat {
  let format = formatters.get(style)
  if (!format) formatters.set(style, (format = new Intl.DateTimeFormat([], STYLES[style])))
  return format
}

/** Whether the formatter of `style` is made already (formatting with it costs no locale data). */
export const hasFormatter = (style: DateStyle) => formatters.has(style)

export const formatDate = (at: number, style: DateStyle) => formatterOf(style).format(at)
