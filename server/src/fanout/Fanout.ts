/**
 * Carries updates between server instances that serve the same document. Not a store of record:
 * a missed message is recovered from storage (every message names the seq it was stored as).
 */
export interface Fanout {
  publish(channel: string, message: Uint8Array): void
  /** Resolves once messages on `channel` are being delivered. */
  subscribe(channel: string, handler: (message: Uint8Array) => void): Promise<void>
  unsubscribe(channel: string): Promise<void>
  close(): Promise<void>
}
