/**
 * Whether the store of record is taking writes: the last write decides. A full disk fails every
 * append while `SELECT 1` still answers, so /healthz asks this rather than only pinging.
 */
export class StorageHealth {
  private failure: { at: number; message: string } | null = null

  recordSuccess(): void {
    this.failure = null
  }

  recordFailure(err: unknown, at = Date.now()): void {
    this.failure = { at, message: err instanceof Error ? err.message : String(err) }
  }

  /** The last write's failure, or null when it succeeded (or nothing was written yet). */
  get lastFailure(): { at: number; message: string } | null {
    return this.failure
  }
}
