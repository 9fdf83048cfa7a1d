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
    this.refill(now)
    if (this.tokens < cost) return false
    this.tokens -= cost
    return true
  }

  /**
   * Takes `cost` tokens even when there are fewer: the bucket goes into debt (at most one burst),
   * so what was already spent on the sender's behalf delays what it may send next.
   */
  charge(cost: number, now = performance.now()): void {
    this.refill(now)
    this.tokens = Math.max(-this.burst, this.tokens - cost)
  }

  /** Takes what the bucket holds, up to `cost`, never going into debt. */
  drain(cost: number, now = performance.now()): void {
    this.refill(now)
    this.tokens = Math.max(Math.min(this.tokens, 0), this.tokens - cost)
  }

  private refill(now: number): void {
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.rate)
    this.last = now
  }
}
