/**
 * Deep links to a moment of the replay: `/s/<id>/replay?t=<ms>`, where `t` counts from the
 * session clock's 0:00 (the interview's start, as on the timer, bookmarks and the report), so a
 * time read off the report is the same number in the link.
 */
export function replayHref(sessionId: string, offsetMs: number): string {
  return `/s/${encodeURIComponent(sessionId)}/replay?t=${Math.round(offsetMs)}`
}

/** The `t` of a replay address, or null when absent or not a whole number of milliseconds. */
export function offsetFromSearch(search: string): number | null {
  const raw = new URLSearchParams(search).get('t')
  if (raw === null || !/^-?\d{1,15}$/.test(raw)) return null
  return Number(raw)
}

/** The same address with `t` set, keeping the path, other parameters and no fragment. */
export function withOffset(loc: Pick<Location, 'pathname' | 'search'>, offsetMs: number): string {
  const params = new URLSearchParams(loc.search)
  params.set('t', String(Math.round(offsetMs)))
  return `${loc.pathname}?${params.toString()}`
}
