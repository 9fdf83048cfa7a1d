/**
 * How big a document's log is (for the per-document cap) and how much it grew since the last
 * snapshot (for deciding the next one).
 *
 * A snapshot is due when at least `snapshotEvery` updates AND at least as many bytes as the last
 * snapshot holds were appended since it. The count keeps loads fast (a short tail to apply); the
 * bytes rule bounds disk: each snapshot is at most the previous one plus what was appended, and
 * is only written after appending at least the previous one's size, so all snapshots together
 * stay within about twice the log's bytes (a 60 MB board is no longer copied every 500 cursor-sized
 * edits). The cost: a tail of many tiny edits after a huge snapshot stays longer than 500.
 */
export class LogSize {
  constructor(
    /** Bytes of every update stored for the document (snapshots not counted). */
    public stored: number,
    private tailCount: number,
    private tailBytes: number,
    private snapshotBytes: number,
  ) {}

  /** An update this instance appended. */
  appended(bytes: number): void {
    this.stored += bytes
    this.tailCount++
    this.tailBytes += bytes
  }

  /** An update another instance appended (it decides that document's snapshots on its side). */
  appendedElsewhere(bytes: number): void {
    this.stored += bytes
  }

  snapshotDue(snapshotEvery: number): boolean {
    return this.tailCount >= snapshotEvery && this.tailBytes >= this.snapshotBytes
  }

  /** A snapshot was taken; its size when known now (null: it is built later, from storage). */
  snapshotted(bytes: number | null): void {
    this.tailCount = 0
    this.tailBytes = 0
    if (bytes !== null) this.snapshotBytes = bytes
  }

  /** The size of a snapshot built later, from storage (null: there was nothing to fold). */
  snapshotBuilt(bytes: number | null): void {
    if (bytes !== null) this.snapshotBytes = bytes
  }
}
