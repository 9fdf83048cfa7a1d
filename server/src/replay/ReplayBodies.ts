import type { Storage } from '../storage/Storage.js'
import { EncodedCache } from './EncodedCache.js'
import { HistoryCache } from './HistoryCache.js'

/**
 * What the replay routes keep between requests: compressed bodies of closed segments and of each
 * session's current history (one byte budget, MOCKBOARD_REPLAY_CACHE_BYTES), and what each
 * history was built from. Every key starts with the session's id, so a deleted session's bodies
 * leave memory with it instead of waiting to be evicted.
 */
export class ReplayBodies {
  readonly encoded: EncodedCache
  readonly histories: HistoryCache
  /** Per session, the key of the last board-at-end body kept, and the builds under way by key. */
  readonly boardEnds = new Map<string, string>()
  readonly boardBuilds = new Map<string, Promise<{ seq: number; body: string }>>()

  constructor(storage: Storage, maxBytes: number) {
    this.encoded = new EncodedCache(maxBytes)
    this.histories = new HistoryCache(storage)
  }

  forgetSession(sessionId: string): void {
    this.encoded.forget(`${sessionId}/`)
    this.histories.forget(sessionId)
    this.boardEnds.delete(sessionId)
  }
}
