import { HttpError } from '../errors.js'
import type { Storage } from '../storage/Storage.js'
import { EncodedCache } from './EncodedCache.js'
import { HistoryCache } from './HistoryCache.js'
import { OneBuildAtATime } from './OneBuildAtATime.js'
import { stillFresh } from './rebuildBudget.js'

/** Sessions whose latest board body ReplayBodies tracks (their bodies age out of the cache anyway). */
const MAX_BOARD_SESSIONS = 4096
/** The largest board body sent whole (JSON): past it, or past a quarter of the cache, 413. */
const MAX_BOARD_BODY_BYTES = 16 * 1024 * 1024

/** A session's latest board body: where it is kept, when it was built and what that cost. */
export interface BoardEnd {
  key: string
  builtAt: number
  cost: number
  /** Its size (over `maxBoardBytes`: refused as too large to send, and nothing is kept). */
  bytes: number
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
  /** Builds of bodies, one at a time per key: GET /board per board, GET /steps per segment. */
  readonly builds = new OneBuildAtATime()
  /**
   * Steps bodies refused as too large (key → their size as far as built), so asking again costs
   * nothing: a closed segment never changes, and a live end's key names its last update.
   */
  private readonly refusedSteps = new Map<string, number>()
  /** Per session read lately (the oldest first out), the key its latest board body is kept under. */
  private readonly boardEnds = new Map<string, BoardEnd>()
  /** The clock builds are timed by, board and history (milliseconds; a test moves it). */
  now: () => number = () => performance.now()

  /** Board bodies larger than this are not sent: they could not stay in the cache to be reused. */
  readonly maxBoardBytes: number

  constructor(
    private readonly storage: Storage,
    maxBytes: number,
  ) {
    this.encoded = new EncodedCache(maxBytes)
    this.histories = new HistoryCache(storage, () => this.now())
    this.maxBoardBytes = maxBytes > 0 ? Math.min(MAX_BOARD_BODY_BYTES, maxBytes / 4) : MAX_BOARD_BODY_BYTES
  }

  /** Whether a board body of `bytes` is too large to send whole (see maxBoardBytes). */
  tooLarge(bytes: number): boolean {
    return bytes > this.maxBoardBytes
  }

  /**
   * The board body of `sessionId` was built (`end`, timed by the caller): the one kept before it
   * (an earlier update's board, never asked for again: a page asks for the last) is dropped.
   */
  rememberBoard(sessionId: string, end: Omit<BoardEnd, 'builtAt'>): void {
    const previous = this.boardEnds.get(sessionId)?.key
    if (previous !== undefined && previous !== end.key) this.encoded.forget(`${previous}|`)
    this.boardEnds.delete(sessionId)
    this.boardEnds.set(sessionId, { ...end, builtAt: this.now() })
    for (const oldest of this.boardEnds.keys())
      if (this.boardEnds.size > MAX_BOARD_SESSIONS) this.boardEnds.delete(oldest)
  }

  /**
   * The session's latest board body, if it stands for `key` (the board now) or is too fresh to
   * build another (see rebuildBudget.ts).
   */
  latestBoard(sessionId: string, key: string): BoardEnd | undefined {
    const end = this.boardEnds.get(sessionId)
    if (!end) return undefined
    return end.key === key || stillFresh(end.builtAt, end.cost, this.now()) ? end : undefined
  }

  /**
   * Sends and keeps what a build for `sessionId` made (`send`), unless the session was deleted
   * while it was built: then 404, and nothing of it is sent or kept. Deleted while `send` ran (a
   * compression), the deletion forgot the session's bodies before these: they are forgotten too.
   */
  async keep(sessionId: string, send: () => Promise<unknown>): Promise<void> {
    if (!(await this.storage.getSession(sessionId))) throw new HttpError(404, 'no such session')
    await send()
    if (!(await this.storage.getSession(sessionId))) this.forgetSession(sessionId)
  }

  /** The size a steps body under `key` was refused at, if it was (see refuseSteps). */
  refusedAt(key: string): number | undefined {
    return this.refusedSteps.get(key)
  }

  refuseSteps(key: string, bytes: number): void {
    this.refusedSteps.set(key, bytes)
    for (const oldest of this.refusedSteps.keys())
      if (this.refusedSteps.size > MAX_BOARD_SESSIONS) this.refusedSteps.delete(oldest)
  }

  forgetSession(sessionId: string): void {
    for (const key of [...this.refusedSteps.keys()])
      if (key.startsWith(`${sessionId}/`)) this.refusedSteps.delete(key)
    this.encoded.forget(`${sessionId}/`)
    this.histories.forget(sessionId)
    this.boardEnds.delete(sessionId)
  }
}
