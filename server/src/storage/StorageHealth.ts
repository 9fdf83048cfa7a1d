/**
 * Whether the store of record is taking writes: the last write decides. A full disk fails every
 * append while `SELECT 1` still answers, so /healthz asks this rather than only pinging.
 */
export class StorageHealth {
  private failure: { at: number; message: string } | null = null
  private background: { at: number; message: string } | null = null

  recordSuccess(): void {
    this.failure = null
  }

  recordFailure(err: unknown, at = Date.now()): void {
    this.failure = { at, message: err instanceof Error ? err.message : String(err) }
  }

  /**
   * Work the store does behind the writes failed (SQLite loading its append journal: the appends
   * still succeed, into the journal); it stands, whatever the writes do, until `null` says it works again.
   */
  recordBackground(err: Error | null, at = Date.now()): void {
    this.background = err === null ? null : { at, message: err.message }
  }

  /** The last write's failure, or a standing failure behind the writes; null when neither. */
  get lastFailure(): { at: number; message: string } | null {
    return this.failure ?? this.background
  }
}
