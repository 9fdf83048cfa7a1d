/**
 * Replay bodies per encoding, least recently used first out, bounded in bytes: closed segments
 * (they never change: the log is append-only, so each is compressed once per encoding) and each
 * session's current history. The bound is MOCKBOARD_REPLAY_CACHE_BYTES; 0 turns the cache off.
 */
export class EncodedCache {
  private readonly entries = new Map<string, Buffer>()
  private bytes = 0

  constructor(private readonly maxBytes: number) {}

  get(key: string): Buffer | undefined {
    const value = this.entries.get(key)
    if (value === undefined) return undefined
    this.entries.delete(key)
    this.entries.set(key, value)
    return value
  }

  set(key: string, value: Buffer): void {
    if (value.byteLength > this.maxBytes) return
    const previous = this.entries.get(key)
    if (previous) {
      this.bytes -= previous.byteLength
      this.entries.delete(key)
    }
    this.entries.set(key, value)
    this.bytes += value.byteLength
    for (const [oldest, body] of this.entries) {
      if (this.bytes <= this.maxBytes) break
      this.entries.delete(oldest)
      this.bytes -= body.byteLength
    }
  }

  delete(key: string): void {
    const body = this.entries.get(key)
    if (body === undefined) return
    this.entries.delete(key)
    this.bytes -= body.byteLength
  }

  /**
   * Drops every body whose key starts with `prefix` (a deleted session's: `<id>/`), except those
   * starting with `keep`.
   */
  forget(prefix: string, keep?: string): void {
    for (const key of [...this.entries.keys()])
      if (key.startsWith(prefix) && !(keep !== undefined && key.startsWith(keep))) this.delete(key)
  }

  get size(): { entries: number; bytes: number } {
    return { entries: this.entries.size, bytes: this.bytes }
  }
}
