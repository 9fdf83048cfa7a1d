/**
 * The time of day at `t` in the reader's locale (12- or 24-hour, as they use). One formatter for
 * the page: `toLocaleTimeString` with options makes a new one per call (the transport renders
 * every frame while playing), and the first one made in a page loads the locale's data (~60 ms
 * in a profile of the replay's opening), so the replay makes it while its main thread waits for
 * its first responses (warmWallClock): when idle, and within 150 ms anyway (a page busy loading
 * got no idle moment before drawing, and made it on the way to its first frame).
 */
let format: Intl.DateTimeFormat | null = null

const formatter = () =>
  (format ??= new Intl.DateTimeFormat([], { hour: '2-digit', minute: '2-digit', second: '2-digit' }))

export const wallClock = (t: number) => formatter().format(t)

export function warmWallClock(): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(formatter, { timeout: 150 })
  else setTimeout(formatter, 0)
}
