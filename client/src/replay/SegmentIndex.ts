import type { Claim } from './LogLane'

/** A segment the page has read once: where it lies (its steps and keyframes live in the cache). */
export interface Known {
  fromSeq: number
  toSeq: number
  closedBy: number | null
}

/**
 * Which stretches of the log the page has read, by opening seq, ascending: segments are few (one
 * per 500 updates). A segment read once stays known even when the cache drops its steps, so the
 * background reading never goes round again.
 */
export class SegmentIndex {
  private readonly list: Known[] = []

  get size(): number {
    return this.list.length
  }

  /** Updates covered, counted from each segment's opening. */
  get covered(): number {
    return this.list.reduce((n, s) => n + (s.toSeq - s.fromSeq), 0)
  }

  /** The segment that holds `seq`, or null. */
  find(seq: number): Known | null {
    for (let i = this.list.length - 1; i >= 0; i--) {
      const s = this.list[i]!
      if (s.fromSeq <= seq) return seq <= s.toSeq ? s : null
    }
    return null
  }

  /** The segment that closes where one opening at `fromSeq` continues it. */
  before(fromSeq: number): Known | null {
    return this.list.find((s) => s.closedBy === fromSeq) ?? null
  }

  add(known: Known): void {
    const same = this.list.findIndex((s) => s.fromSeq === known.fromSeq)
    const at = this.list.findIndex((s) => s.fromSeq > known.fromSeq)
    if (same >= 0) this.list[same] = known
    else if (at < 0) this.list.push(known)
    else this.list.splice(at, 0, known)
  }

  /** The first seq in [from, last] that no segment covers nor `claimed` will, or null. */
  uncoveredFrom(from: number, last: number, claimed: Claim | null = null): number | null {
    let s = from
    for (let moved = true; moved;) {
      const before = s
      // Sorted by opening seq: a segment that covers s moves s past its end.
      for (const seg of this.list) if (seg.fromSeq <= s && s <= seg.toSeq) s = seg.toSeq + 1
      if (claimed && claimed.from <= s && s <= claimed.until) s = claimed.until + 1
      moved = s !== before
    }
    return s > last ? null : s
  }

  /** Where the stretch nothing covers from `from` ends: the next segment's or claim's opening. */
  stretchEnd(from: number, last: number, claimed: Claim | null): number {
    let end = last
    for (const seg of this.list) if (seg.fromSeq > from) end = Math.min(end, seg.fromSeq)
    if (claimed && claimed.from > from) end = Math.min(end, claimed.from)
    return end
  }
}
