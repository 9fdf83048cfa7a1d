/** Token bucket: `rate` per second sustained, bursts up to `burst`. */
export class TokenBucket {
  private tokens: number
  private last: number

  constructor(
    private readonly rate: number,
    private readonly burst: number,
    now = performance.now(),
  ) {
    this.tokens = burst
    this.last = now
  }

  /** Takes `cost` tokens; false when the bucket is empty. */
  take(cost: number, now = performance.now()): boolean {
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.rate)
    this.last = now
    if (this.tokens < cost) return false
    this.tokens -= cost
    return true
  }
}
