/** One NTP-style probe: local send/receive times around the server's reading. */
export interface ClockSample {
  /** Local clock when the request left. */
  t0: number
  /** Server clock when it answered. */
  server: number
  /** Local clock when the answer arrived. */
  t1: number
}

export interface OffsetEstimate {
  /** serverTime ≈ localTime + offsetMs */
  offsetMs: number
  /** Round trip of the sample used; half of it bounds the error. */
  rttMs: number
}

/**
 * Picks the sample with the smallest round trip: its midpoint is the tightest bound on when the
 * server read its clock (queueing delays only ever widen a round trip).
 */
export function estimateOffset(samples: readonly ClockSample[]): OffsetEstimate | null {
  let best: OffsetEstimate | null = null
  for (const s of samples) {
    const rttMs = s.t1 - s.t0
    if (!Number.isFinite(rttMs) || rttMs < 0 || !Number.isFinite(s.server)) continue
    if (best === null || rttMs < best.rttMs) best = { offsetMs: s.server - (s.t0 + s.t1) / 2, rttMs }
  }
  return best
}

/**
 * Whether the local wall clock jumped since the last measurement: wall-clock time and monotonic
 * time should advance together, so a gap means the offset is stale and must be measured again.
 */
export function clockJumped(wallElapsedMs: number, monotonicElapsedMs: number, toleranceMs = 500): boolean {
  return Math.abs(wallElapsedMs - monotonicElapsedMs) > toleranceMs
}
