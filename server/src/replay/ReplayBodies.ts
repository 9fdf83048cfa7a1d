import type { Storage } from '../storage/Storage.js'
import { EncodedCache } from './EncodedCache.js'
import { HistoryCache } from './HistoryCache.js'
import { OneBuildAtATime } from './OneBuildAtATime.js'

/** Sessions whose latest board body ReplayBodies tracks (their bodies age out of the cache anyway). */
const MAX_BOARD_SESSIONS = 4096
/**
 * A session's board is built again no sooner than this many times its last build's duration
 * after it: readers of a board someone keeps changing cost at most a fifth of the time it takes.
 */
const BOARD_REBUILD_AFTER = 4

interface BoardEnd {
  key: string
  builtAt: number
  cost: number
}

/**
 * What the replay routes keep between requests: compressed bodies of closed segments and of each
 * session's current history (one byte budget, MOCKBOARD_REPLAY_CACHE_BYTES), and what each
 * history was built from. Every key starts with the session's id, so a deleted session's bodies
 * leave memory with it instead of waiting to be evicted.
 */
export class ReplayBodies {
  readonly encoded: EncodedCache
  readonly histories: HistoryCache
  /** GET /board's builds, one at a time per board. */
  readonly boardBuilds = new OneBuildAtATime()
  /** Per session read lately (the oldest first out), the key its latest board body is kept under. */
  private readonly boardEnds = new Map<string, BoardEnd>()
  /** The clock builds are timed by (milliseconds; a test moves it). */
  now: () => number = () => performance.now()

  constructor(storage: Storage, maxBytes: number) {
    this.encoded = new EncodedCache(maxBytes)
    this.histories = new HistoryCache(storage)
  }

  /**
   * The board body of `sessionId` is now kept under `key`, built in `cost` ms: the one kept before
   * it (an earlier update's board, never asked for again: a page asks for the last) is dropped.
   */
  rememberBoard(sessionId: string, key: string, cost: number): void {
    const previous = this.boardEnds.get(sessionId)?.key
    if (previous !== undefined && previous !== key) this.encoded.forget(`${previous}|`)
    this.boardEnds.delete(sessionId)
    this.boardEnds.set(sessionId, { key, builtAt: this.now(), cost })
    for (const oldest of this.boardEnds.keys())
      if (this.boardEnds.size > MAX_BOARD_SESSIONS) this.boardEnds.delete(oldest)
  }

  /**
   * The key of the session's latest board body while it is too fresh to build another: a board
   * changing under its readers is built once per BOARD_REBUILD_AFTER × its cost, not per request.
   */
  recentBoard(sessionId: string): string | undefined {
    const end = this.boardEnds.get(sessionId)
    return end && this.now() - end.builtAt < BOARD_REBUILD_AFTER * end.cost ? end.key : undefined
  }

  forgetSession(sessionId: string): void {
    this.encoded.forget(`${sessionId}/`)
    this.histories.forget(sessionId)
    this.boardEnds.delete(sessionId)
  }
}
