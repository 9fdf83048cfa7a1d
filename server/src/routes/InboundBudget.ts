/**
 * Bytes the server holds in frames still arriving (ws buffers a frame whole, up to maxPayload, before
 * the sync core sees it), summed over every sync socket. Past `max`, a socket holding a frame larger
 * than an ordinary message is dropped: only a first sync step 2 may be that large, and a stalled one
 * must not pin the server's memory.
 */
export class InboundBudget {
  private total = 0

  constructor(
    private readonly max: number,
    /** What one socket may hold however full the budget: an ordinary frame always completes. */
    private readonly perSocketFloor: number,
  ) {}

  /** Counts `bytes` more held by a socket now holding `held`; false when that socket must go. */
  add(bytes: number, held: number): boolean {
    this.total += bytes
    return this.total <= this.max || held <= this.perSocketFloor
  }

  release(bytes: number): void {
    this.total -= bytes
  }
}
