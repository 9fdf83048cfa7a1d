import type { BoardAtEnd, BuiltSegment, SessionHistory } from '@mockboard/shared'

import { ApiError } from '../api/ApiError'
import type { BoardFrame } from './decodeFrames'
import { FinalBoard } from './FinalBoard'
import { KeyframeCache } from './KeyframeCache'
import { lastAtOrBefore } from './lastAtOrBefore'
import { LogLane } from './LogLane'
import { type Known, SegmentIndex } from './SegmentIndex'
import type { WorkerReply } from './segmentWorker'

/**
 * What the page keeps of a session, as KeyframeCache counts it (strings as if unshared, so the
 * heap it takes is less): an hour of two people drawing (about 25 MB of steps and as much for
 * the segments' openings) fits; a 3-hour session is read through, older segments dropped.
 */
export const REPLAY_CACHE_BYTES = 96 * 1024 * 1024
/** A seek applies one keyframe and at most this many steps (segments hold up to 500). */
export const KEYFRAME_EVERY = 100
/**
 * A stretch of the log left to read longer than this (in board updates) is read by two workers,
 * one from each half's start: on two cores the whole hour is in about half the time. Shorter ones
 * are not worth a second worker's start and opening board.
 */
export const SPLIT_UPDATES = 3_000

/** Who draws what the timeline hands over (attached once the board is mounted). */
export interface BoardTimelineListener {
  /** The board at `seq` (the last update at or before the instant asked for). */
  onFrame(seq: number, frame: BoardFrame): void
  onError(err: Error): void
  /** A segment arrived (for the status bar). */
  onProgress?(): void
  /** The instant asked for is not drawn yet (its segment is on its way), or is now. */
  onWaiting?(waiting: boolean): void
}

export interface BoardTimelineOptions extends Partial<BoardTimelineListener> {
  createWorker(): Worker
  /** The session and invite token the worker fetches with. */
  sessionId: string
  token: string
  updates: SessionHistory['updates']
  /** Bytes of steps and keyframes kept (REPLAY_CACHE_BYTES); segments dropped are fetched again when shown. */
  cacheBytes?: number
  /**
   * Log workers reading the rest of the session: 1, or 2 (a second one reads the back half of a
   * long stretch, SPLIT_UPDATES, and ends with it). Default 1.
   */
  lanes?: 1 | 2
  splitUpdates?: number
  keyframeEvery?: number
  /**
   * Read the rest of the session only once `loadRest()` is called (the page calls it once its
   * first instant is on screen: each segment that arrives costs its main thread a message).
   */
  restLater?: boolean
  /**
   * The final board as the server reads it (GET /board), asked for as the page opened: the final
   * instant is drawn from it until its segment is in (the worker starts ~0.3 s after the page's
   * script, then fetches the segment with its opening board). Used only if its seq is
   * the history's last.
   */
  endBoard?: Promise<BoardAtEnd> | null
}

/**
 * The board at any instant of a recorded session, drawn from segments of the log that a worker
 * fetches as per-update steps (the server builds them). A frame of a loaded segment is its opening board plus
 * the steps up to the instant: built in well under a millisecond, so dragging the scrubber or
 * playing at 16× draws every instant without a request. The segment a seek lands in is fetched
 * first; the rest of the session follows in the background, forward from there (each segment
 * continuing the previous one, without its opening board), then from the start, each once.
 * What is kept is bounded (KeyframeCache): on a long session the least recently seen segments
 * are dropped, and fetched again (with their opening) only if the page shows them again.
 */
export class BoardTimeline {
  private readonly times: number[] = []
  private readonly seqs: number[] = []
  private readonly maxSeq: number
  private readonly segments = new SegmentIndex()
  private readonly cache: KeyframeCache
  /** The worker that fetches what the page asks for, and streams the rest. */
  private lane: LogLane | null = null
  /** A second worker, streaming the back half of a long stretch while `lane` reads the front. */
  private helper: LogLane | null = null
  private nextId = 1
  /** The seq the latest show() asked for, and whether it is still waiting for its segment. */
  private target = 0
  private waiting = false
  private shown: number | null = null
  private readonly waiters: { seq: number; resolve(frame: BoardFrame): void; reject(err: Error): void }[] = []
  private memo: { seq: number; frame: BoardFrame } | null = null
  private failed: Error | null = null
  private listener: Partial<BoardTimelineListener>
  private restHeld: boolean
  /** The last seq the server has (lower than the history's only if the log lost its end). */
  private reachable = Number.POSITIVE_INFINITY
  /** The final board from `endBoard`, until the segment holding it is in. */
  private readonly end: FinalBoard

  constructor(private readonly options: BoardTimelineOptions) {
    const { updates } = options
    for (let i = 0; i < updates.at.length; i++) {
      if (updates.doc[i] !== 'board') continue
      this.times.push(updates.at[i]!)
      this.seqs.push(updates.seq[i]!)
    }
    this.maxSeq = this.seqs.at(-1) ?? 0
    this.restHeld = options.restLater === true
    this.listener = options
    this.cache = new KeyframeCache(
      options.cacheBytes ?? REPLAY_CACHE_BYTES,
      options.keyframeEvery ?? KEYFRAME_EVERY,
    )
    this.end = new FinalBoard(options.endBoard, this.maxSeq, {
      wanted: () => !this.segments.find(this.maxSeq),
      arrived: () => this.answer(),
      released: () => this.pump(),
    })
  }

  /**
   * Sets who draws the frames. The page starts the timeline (and the final board's fetch) as soon
   * as the history is in, while tldraw still loads; an error from before is reported now.
   */
  attach(listener: BoardTimelineListener): void {
    this.listener = listener
    if (this.failed) listener.onError(this.failed)
  }

  /** Bytes the page keeps for the board's timeline (bounded by `cacheBytes`). */
  get keptBytes(): number {
    return this.cache.bytes
  }

  /** The seq whose state is the board at instant `t` (0: before the first update). */
  seqAt(t: number): number {
    const i = lastAtOrBefore(this.times, t)
    return i < 0 ? 0 : Math.min(this.seqs[i]!, this.reachable)
  }

  /** How much of the session can be drawn without waiting, 0..1. */
  get loadedShare(): number {
    if (this.maxSeq === 0) return this.segments.size > 0 ? 1 : 0
    return Math.min(1, this.segments.covered / this.maxSeq)
  }

  /**
   * Shows the board at `t`: synchronously when its segment is loaded, else once it arrives.
   * `redraw` hands the frame again even if it is the one shown (the store was changed meanwhile).
   */
  show(t: number, options: { redraw?: boolean } = {}): void {
    const seq = this.seqAt(t)
    this.target = seq
    if (options.redraw) this.shown = null
    if (this.shown === seq) {
      this.setWaiting(false)
      return
    }
    const frame = this.frameAt(seq)
    if (frame) {
      this.setWaiting(false)
      this.hand(seq, frame)
      return
    }
    this.setWaiting(true)
    this.pump()
  }

  /** The board at `t` if it can be drawn now (its segment read, or the final board in), else null. */
  frameNow(t: number): BoardFrame | null {
    return this.frameAt(this.seqAt(t))
  }

  /** The board at `t`, fetching its segment if needed (the final board for the camera and report). */
  load(t: number): Promise<BoardFrame> {
    const seq = this.seqAt(t)
    const frame = this.frameAt(seq)
    if (frame) return Promise.resolve(frame)
    return new Promise((resolve, reject) => {
      this.waiters.push({ seq, resolve, reject })
      this.pump()
    })
  }

  /** Reads the rest of the session (held back by `restLater` until now). */
  loadRest(): void {
    if (!this.restHeld) return
    this.restHeld = false
    this.pump()
  }

  /** Starts (or restarts, after stop) the worker. React's StrictMode stops and starts once. */
  start(): void {
    if (this.lane) return
    const lane: LogLane = new LogLane(
      this.options.createWorker(),
      this.options,
      (reply) => this.receive(lane, reply),
      (err) => this.fail(err),
    )
    this.lane = lane
    this.pump()
  }

  stop(): void {
    this.lane?.terminate()
    this.lane = null
    this.endHelper()
  }

  /** Starts the second worker on the back half of [from, until]; the first stops where it opens. */
  private split(from: number, until: number): number {
    const mid = from + Math.ceil((until - from) / 2)
    const helper: LogLane = new LogLane(
      this.options.createWorker(),
      this.options,
      (reply) => this.receive(helper, reply),
      // The first worker reads what it leaves once its own stretch is done.
      () => this.endHelper(),
    )
    this.helper = helper
    helper.send({ type: 'load', id: this.nextId++, seq: mid, background: true, stream: true, until })
    return mid - 1
  }

  private endHelper(): void {
    this.helper?.terminate()
    this.helper = null
    this.pump()
  }

  /** The board at `seq` from what the cache keeps, or null (not read yet, or dropped since). */
  private frameAt(seq: number): BoardFrame | null {
    if (this.memo?.seq === seq) return this.memo.frame
    const seg = this.segments.find(seq)
    const frame = seg ? this.cache.frame(seg.fromSeq, seq) : null
    if (frame) this.memo = { seq, frame }
    return frame ?? this.end.frame(seq)
  }

  private setWaiting(waiting: boolean): void {
    if (this.waiting === waiting) return
    this.waiting = waiting
    this.listener.onWaiting?.(waiting)
  }

  private hand(seq: number, frame: BoardFrame): void {
    this.shown = seq
    this.listener.onFrame?.(seq, frame)
  }

  private get lastSeq(): number {
    return Math.min(this.maxSeq, this.reachable)
  }

  /**
   * What to ask the worker for next: the instant on screen, a waiting load, then the rest of the
   * session. `background`: nobody waits for it and it continues the segment just read, so the
   * worker's next request is very likely the one after it, which it may fetch ahead. `stream`: the
   * rest of the session; the worker goes on forward from it unasked until the log's end.
   */
  private next(
    lane: LogLane,
  ): { seq: number; background: boolean; keyframe: boolean; stream: boolean } | null {
    if (this.waiting && !this.end.holds(this.target))
      return { seq: this.target, background: false, keyframe: true, stream: false }
    const waiter = this.waiters.find((w) => !this.frameAt(w.seq) && !this.end.holds(w.seq))
    if (waiter) return { seq: waiter.seq, background: false, keyframe: true, stream: false }
    if (this.failed) return null
    // While the worker streams, the rest of the session comes without asking.
    if (lane.claim || this.restHeld) return null
    const claimed = this.helper?.claim ?? null
    const seq =
      this.segments.uncoveredFrom(this.target, this.lastSeq, claimed) ??
      this.segments.uncoveredFrom(0, this.lastSeq, claimed)
    if (seq === null) return null
    const background = lane.lastClosedBy !== null && seq === lane.lastClosedBy + 1
    // A continuation opens where the segment before it closes: sent without its opening board
    // when the page can still build that one's end.
    return { seq, background, keyframe: !background || this.frameAt(seq - 1) === null, stream: true }
  }

  private pump(): void {
    const lane = this.lane
    if (!lane || lane.inFlight) return
    const next = this.next(lane)
    if (next === null) return
    let until: number | undefined
    if (next.stream) {
      // Reading the rest: the worker goes on forward from there by itself, to the stretch's end
      // (or the middle of a long one, when a second worker reads on from there).
      until = this.segments.stretchEnd(next.seq, this.lastSeq, this.helper?.claim ?? null)
      const split = this.options.splitUpdates ?? SPLIT_UPDATES
      if (this.options.lanes === 2 && !this.helper && until - next.seq > split)
        until = this.split(next.seq, until)
    }
    lane.send({ type: 'load', id: this.nextId++, ...next, ...(until === undefined ? {} : { until }) })
  }

  private receive(lane: LogLane, reply: WorkerReply): void {
    if (reply.type === 'streamEnd') {
      lane.claim = null
      if (lane === this.helper) this.endHelper()
      else this.pump()
      return
    }
    if (reply.type === 'segment' && (reply.id === 0 || lane === this.helper)) {
      if (lane === this.helper && !lane.streamed) {
        // The back half opens where its first segment does: the first worker stops there.
        lane.claim!.from = reply.segment.fromSeq
        this.lane?.bound(reply.segment.fromSeq)
      }
      lane.streamed = true
      if (lane.inFlight?.id === reply.id) lane.inFlight = null
      this.arrived(lane, reply.segment)
      return
    }
    // The second worker asks for nothing else; failing, it leaves its stretch to the first.
    if (lane === this.helper) {
      if (reply.type === 'error') this.endHelper()
      return
    }
    if (lane !== this.lane || !lane.inFlight || reply.id !== lane.inFlight.id) return
    lane.inFlight = null
    if (reply.type === 'error') {
      this.fail(new ApiError(reply.status < 0 ? 500 : reply.status, reply.message))
      return
    }
    this.failed = null
    this.arrived(lane, reply.segment)
  }

  /** A segment read, asked for or streamed: kept, and whoever waits for it is answered. */
  private arrived(lane: LogLane, segment: BuiltSegment): void {
    lane.lastClosedBy = segment.closedBy
    this.add(segment)
    // Never ask again for what the server does not have (it would answer the same segment).
    if (segment.closedBy === null && segment.toSeq < this.maxSeq) {
      this.reachable = segment.toSeq
      this.target = Math.min(this.target, this.reachable)
      for (const w of this.waiters) w.seq = Math.min(w.seq, this.reachable)
    }
    if (this.loadedShare === 1 && performance.getEntriesByName('replay:loaded').length === 0)
      performance.mark('replay:loaded')
    this.listener.onProgress?.()
    // Its segment is read: the final board need not be kept twice.
    if (this.segments.find(this.maxSeq)) this.end.forget()
    this.answer()
    this.pump()
  }

  /** Hands the instant waited for and answers loads, from what is now known. */
  private answer(): void {
    if (this.waiting) {
      const frame = this.frameAt(this.target)
      if (frame) {
        this.setWaiting(false)
        if (this.shown !== this.target) this.hand(this.target, frame)
      }
    }
    for (const w of this.waiters.splice(0)) {
      const frame = this.frameAt(w.seq)
      if (frame) w.resolve(frame)
      else this.waiters.push(w)
    }
  }

  private add(built: BuiltSegment): void {
    const known: Known = { fromSeq: built.fromSeq, toSeq: built.toSeq, closedBy: built.closedBy }
    // It continues the segment the worker read before it, which closes where it opens.
    const prev = this.segments.before(built.fromSeq)
    const opening = built.keyframe
      ? { ...built.keyframe, records: new Map(built.keyframe.records) }
      : prev && this.cache.frame(prev.fromSeq, prev.toSeq)
    this.cache.putSteps(built.fromSeq, built.steps)
    if (opening) this.cache.putState(built.fromSeq, 0, opening)
    this.segments.add(known)
  }

  private fail(err: Error): void {
    if (this.lane) this.lane.inFlight = null
    this.failed = err
    this.setWaiting(false)
    for (const w of this.waiters.splice(0)) w.reject(err)
    this.listener.onError?.(err)
  }
}
