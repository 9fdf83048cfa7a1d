import { formatDate, formatterOf } from '../ui/dates'

/**
 * The time of day at `t` in the reader's locale (12- or 24-hour, as they use). The transport
 * renders it every frame while playing, and the first formatter made in a page loads the locale's
 * data (~60 ms in a profile of the replay's opening), so the replay makes it while its main thread
 * waits for its first responses (warmWallClock): when idle, and within 150 ms anyway (a page busy
 * loading got no idle moment before drawing, and made it on the way to its first frame).
 */
export const wallClock = (t: number) => formatDate(t, 'seconds')

export function warmWallClock(): void {
  const warm = () => formatterOf('seconds')
  if (typeof requestIdleCallback === 'function') requestIdleCallback(warm, { timeout: 150 })
  else setTimeout(warm, 0)
}
