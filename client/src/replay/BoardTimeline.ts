import type { BoardAtEnd, SessionHistory } from '@mockboard/shared'

import { ApiError } from '../api/ApiError'
import type { BoardFrame } from './decodeFrames'
import { FinalBoard } from './FinalBoard'
import { KeyframeCache } from './KeyframeCache'
import { lastAtOrBefore } from './lastAtOrBefore'
import type { BuiltSegment } from './segmentBuilder'
import type { WorkerReply, WorkerRequest } from './segmentWorker'

/** A segment the page has read once: where it lies (its steps and keyframes live in the cache). */
interface Known {
  fromSeq: number
  toSeq: number
  closedBy: number | null
}

/**
 * What the page keeps of a session, as KeyframeCache counts it (strings as if unshared, so the
 * heap it takes is less): an hour of two people drawing (about 25 MB of steps and as much for
 * the segments' openings) fits; a 3-hour session is read through, older segments dropped.
 */
export const REPLAY_CACHE_BYTES = 96 * 1024 * 1024
/** A seek applies one keyframe and at most this many steps (segments hold up to 500). */
export const KEYFRAME_EVERY = 100

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
  keyframeEvery?: number
  /**
   * Read the rest of the session only once `loadRest()` is called (the page calls it once its
   * first instant is on screen: each segment that arrives costs its main thread a message).
   */
  restLater?: boolean
  /**
   * The final board as the server reads it (GET /board), asked for as the page opened: the final
   * instant is drawn from it until its segment is built (the worker starts ~0.3 s after the page's
   * script, then fetches and applies a snapshot and up to 500 updates). Used only if its seq is
   * the history's last.
   */
  endBoard?: Promise<BoardAtEnd> | null
}

/**
 * The board at any instant of a recorded session, drawn from segments of the log that a worker
 * fetches and turns into per-update steps. A frame of a loaded segment is its opening board plus
 * the steps up to the instant: built in well under a millisecond, so dragging the scrubber or
 * playing at 16× draws every instant without a request. The segment a seek lands in is fetched
 * first; the rest of the session follows in the background, forward from there (each segment
 * continuing the previous one's document, without its snapshot), then from the start, each once.
 * What is kept is bounded (KeyframeCache): on a long session the least recently seen segments
 * are dropped, and fetched again (with their opening) only if the page shows them again.
 */
export class BoardTimeline {
  private readonly times: number[] = []
  private readonly seqs: number[] = []
  private readonly maxSeq: number
  /** Segments read at least once, by opening seq, ascending. */
  private readonly segments: Known[] = []
  private readonly cache: KeyframeCache
  private worker: Worker | null = null
  private nextId = 1
  private inFlight: { id: number; seq: number } | null = null
  /** The seq the latest show() asked for, and whether it is still waiting for its segment. */
  private target = 0
  private waiting = false
  private shown: number | null = null
  private readonly waiters: { seq: number; resolve(frame: BoardFrame): void; reject(err: Error): void }[] = []
  private memo: { seq: number; frame: BoardFrame } | null = null
  private failed: Error | null = null
  private listener: Partial<BoardTimelineListener>
  /** The closing seq of the segment the worker built last (null: the live end, or none yet). */
  private lastClosedBy: number | null = null
  /** The worker streams the segments after the last background one on its own (see `stream`). */
  private streaming = false
  private restHeld: boolean
  /** The last seq the server has (lower than the history's only if the log lost its end). */
  private reachable = Number.POSITIVE_INFINITY
  /** The final board from `endBoard`, until the segment holding it is built. */
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
      wanted: () => !this.find(this.maxSeq),
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
    if (this.maxSeq === 0) return this.segments.length > 0 ? 1 : 0
    const covered = this.segments.reduce((n, s) => n + (s.toSeq - s.fromSeq), 0)
    return Math.min(1, covered / this.maxSeq)
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
    if (this.worker) return
    const worker = this.options.createWorker()
    worker.onmessage = (event: MessageEvent<WorkerReply>) => this.receive(event.data)
    worker.onerror = (event) => {
      event.preventDefault()
      this.fail(new Error(`replay worker failed: ${event.message}`))
    }
    worker.postMessage({
      type: 'init',
      sessionId: this.options.sessionId,
      token: this.options.token,
    } satisfies WorkerRequest)
    this.worker = worker
    this.inFlight = null
    this.streaming = false
    this.pump()
  }

  stop(): void {
    this.worker?.terminate()
    this.worker = null
    this.inFlight = null
    this.streaming = false
  }

  /** The segment read once that holds `seq`; segments are few (one per 500 updates). */
  private find(seq: number): Known | null {
    for (let i = this.segments.length - 1; i >= 0; i--) {
      const s = this.segments[i]!
      if (s.fromSeq <= seq) return seq <= s.toSeq ? s : null
    }
    return null
  }

  /** The board at `seq` from what the cache keeps, or null (not read yet, or dropped since). */
  private frameAt(seq: number): BoardFrame | null {
    if (this.memo?.seq === seq) return this.memo.frame
    const seg = this.find(seq)
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

  /** The first seq at or after `from` that no loaded segment covers, or null. */
  private uncoveredFrom(from: number): number | null {
    let s = from
    // Sorted by opening seq: a segment that covers s moves s past its end.
    for (const seg of this.segments) if (seg.fromSeq <= s && s <= seg.toSeq) s = seg.toSeq + 1
    return s > Math.min(this.maxSeq, this.reachable) ? null : s
  }

  /**
   * What to ask the worker for next: the instant on screen, a waiting load, then the rest of the
   * session. `background`: nobody waits for it and it continues the segment just built, so the
   * worker's next request is very likely the one after it, which it may fetch ahead. `stream`: the
   * rest of the session; the worker goes on forward from it unasked until the log's end.
   */
  private next(): { seq: number; background: boolean; keyframe: boolean; stream: boolean } | null {
    if (this.waiting && !this.end.holds(this.target))
      return { seq: this.target, background: false, keyframe: true, stream: false }
    const waiter = this.waiters.find((w) => !this.frameAt(w.seq) && !this.end.holds(w.seq))
    if (waiter) return { seq: waiter.seq, background: false, keyframe: true, stream: false }
    if (this.failed) return null
    // While the worker streams, the rest of the session comes without asking.
    if (this.streaming || this.restHeld) return null
    const seq = this.uncoveredFrom(this.target) ?? this.uncoveredFrom(0)
    if (seq === null) return null
    const background = this.lastClosedBy !== null && seq === this.lastClosedBy + 1
    // A continuation opens where the segment before it closes: sent without its opening board
    // when the page can still build that one's end.
    return { seq, background, keyframe: !background || this.frameAt(seq - 1) === null, stream: true }
  }

  private pump(): void {
    if (!this.worker || this.inFlight) return
    const next = this.next()
    if (next === null) return
    const id = this.nextId++
    this.inFlight = { id, seq: next.seq }
    // Reading the rest: the worker goes on forward from there by itself.
    if (next.stream) this.streaming = true
    this.worker.postMessage({ type: 'load', id, ...next } satisfies WorkerRequest)
  }

  private receive(reply: WorkerReply): void {
    if (reply.type === 'streamEnd') {
      this.streaming = false
      this.pump()
      return
    }
    if (reply.type === 'segment' && reply.id === 0) {
      this.arrived(reply.segment)
      return
    }
    if (!this.inFlight || reply.id !== this.inFlight.id) return
    if (reply.type === 'frame') {
      // The sought instant, ahead of the rest of its segment: drawn if it is still the one wanted.
      if (this.waiting && reply.seq === this.target) {
        this.setWaiting(false)
        this.hand(reply.seq, { ...reply.frame, records: new Map(reply.frame.records) })
      }
      return
    }
    this.inFlight = null
    if (reply.type === 'error') {
      this.fail(new ApiError(reply.status < 0 ? 500 : reply.status, reply.message))
      return
    }
    this.failed = null
    this.arrived(reply.segment)
  }

  /** A segment built, asked for or streamed: kept, and whoever waits for it is answered. */
  private arrived(segment: BuiltSegment): void {
    this.lastClosedBy = segment.closedBy
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
    if (this.find(this.maxSeq)) this.end.forget()
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
    // It continues the segment the worker built before it, which closes where it opens.
    const prev = this.segments.find((s) => s.closedBy === built.fromSeq)
    const opening = built.keyframe
      ? { ...built.keyframe, records: new Map(built.keyframe.records) }
      : prev && this.cache.frame(prev.fromSeq, prev.toSeq)
    this.cache.putSteps(built.fromSeq, built.steps)
    if (opening) this.cache.putState(built.fromSeq, 0, opening)
    const at = this.segments.findIndex((s) => s.fromSeq > built.fromSeq)
    const same = this.segments.findIndex((s) => s.fromSeq === built.fromSeq)
    if (same >= 0) this.segments[same] = known
    else if (at < 0) this.segments.push(known)
    else this.segments.splice(at, 0, known)
  }

  private fail(err: Error): void {
    this.inFlight = null
    this.failed = err
    this.setWaiting(false)
    for (const w of this.waiters.splice(0)) w.reject(err)
    this.listener.onError?.(err)
  }
}
