/** Longest gap between renders of a running timer (~4 Hz). */
export const MAX_TICK_MS = 250

/**
 * Milliseconds until a m:ss display of `remainingMs` changes, capped at MAX_TICK_MS. Aiming the
 * last tick of each second at the boundary makes every participant's display flip at the same
 * server instant instead of up to a quarter second apart.
 */
export function nextTickDelay(remainingMs: number): number {
  const untilFlip = remainingMs > 0 ? (remainingMs % 1000) + 1 : 1000 - (Math.abs(remainingMs) % 1000) + 1
  return Math.max(1, Math.min(MAX_TICK_MS, untilFlip))
}
