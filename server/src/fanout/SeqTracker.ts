/** Which seqs of a document's log this instance has applied: a watermark plus the ones above it. */
export class SeqTracker {
  /** Every seq up to this one has been applied. */
  contiguous = 0
  private readonly above = new Set<number>()

  reset(seq: number): void {
    this.contiguous = seq
    this.above.clear()
  }

  mark(seq: number): void {
    if (seq <= this.contiguous) return
    this.above.add(seq)
    while (this.above.delete(this.contiguous + 1)) this.contiguous++
  }

  has(seq: number): boolean {
    return seq <= this.contiguous || this.above.has(seq)
  }

  /** Some seq below the highest one seen is still missing. */
  get hasGap(): boolean {
    return this.above.size > 0
  }
}
