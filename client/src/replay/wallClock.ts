/**
 * The time of day at `t` in the reader's locale (12- or 24-hour, as they use). One formatter for
 * the page: `toLocaleTimeString` with options makes a new one per call (the transport renders
 * every frame while playing), and the first one made in a page loads the locale's data (~60 ms
 * in a profile of the replay's opening), so the replay makes it when its main thread is idle
 * waiting for its first responses (warmWallClock), if it gets such a moment before drawing.
 */
let format: Intl.DateTimeFormat | null = null

const formatter = () =>
  (format ??= new Intl.DateTimeFormat([], { hour: '2-digit', minute: '2-digit', second: '2-digit' }))

export const wallClock = (t: number) => formatter().format(t)

export function warmWallClock(): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(formatter)
}
