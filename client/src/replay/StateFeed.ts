import type { SessionHistory } from '@mockboard/shared'
import { LruCache } from './LruCache'
import { decodeBoard, decodeControl, type BoardFrame, type ControlFrame, type Frame } from './decodeFrames'
import type { ReplayApi } from './replayApi'

export type ReplayDoc = 'board' | 'control'

/** Key of "before the first update": an empty document, never fetched. */
export const BEFORE_FIRST = -1

const EMPTY: { board: BoardFrame; control: ControlFrame } = {
  board: { records: new Map(), schema: null, notes: '' },
  control: { timer: null, plan: null },
}

interface Lane {
  /** Sorted times of this doc's updates (non-decreasing, from history). */
  times: number[]
  wanted: number | null
  inFlight: number | null
  /** Key of the latest show(), and of the frame last handed to onFrame. */
  target: number | null
  shown: number | null
}

/** Index of the last element <= t, or -1. */
function lastAtOrBefore(times: readonly number[], t: number): number {
  let lo = 0
  let hi = times.length - 1
  let found = -1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    if (times[mid]! <= t) {
      found = mid
      lo = mid + 1
    } else hi = mid - 1
  }
  return found
}

/**
 * Serves "doc as it was at t" while the scrubber moves. A doc only changes when an update was
 * stored, so every instant maps to the time of the last update at or before it: idle stretches
 * are one cache entry and playback fetches only when something happened. Requests are coalesced
 * per doc, latest wins, at most one in flight: a fast drag costs one round trip per frame shown,
 * not one per pointer event.
 */
export class StateFeed {
  private readonly lanes: Record<ReplayDoc, Lane>
  private readonly cache = new LruCache<string, BoardFrame | ControlFrame>(128)
  private disposed = false
  /** Bytes fetched so far; shown in the status bar. */
  bytes = 0
  fetches = 0

  constructor(
    private readonly api: ReplayApi,
    updates: SessionHistory['updates'],
    private readonly onFrame: <D extends ReplayDoc>(doc: D, key: number, frame: Frame<D>) => void,
    private readonly onError: (err: unknown) => void,
  ) {
    const times = (doc: ReplayDoc) => updates.at.filter((_, i) => updates.doc[i] === doc)
    this.lanes = { board: this.lane(times('board')), control: this.lane(times('control')) }
  }

  private lane(times: number[]): Lane {
    return { times, wanted: null, inFlight: null, target: null, shown: null }
  }

  /** The instant whose state is the state at `t`. */
  keyAt(doc: ReplayDoc, t: number): number {
    const lane = this.lanes[doc]
    const i = lastAtOrBefore(lane.times, t)
    return i < 0 ? BEFORE_FIRST : lane.times[i]!
  }

  /** The frame for `t` if it is already known, else null (and nothing is fetched). */
  peek<D extends ReplayDoc>(doc: D, t: number): Frame<D> | null {
    const key = this.keyAt(doc, t)
    if (key === BEFORE_FIRST) return EMPTY[doc] as Frame<D>
    return (this.cache.get(`${doc}@${key}`) as Frame<D> | undefined) ?? null
  }

  /** Asks for `doc` at `t`; onFrame fires synchronously on a cache hit, else when it arrives. */
  show(doc: ReplayDoc, t: number): void {
    const lane = this.lanes[doc]
    const key = this.keyAt(doc, t)
    lane.target = key
    const cached = this.peek(doc, t)
    if (cached) {
      lane.wanted = null
      if (lane.shown !== key) this.hand(doc, key, cached)
      return
    }
    lane.wanted = key
    this.pump(doc)
  }

  /** Fetches `doc` at `t` into the cache without showing it (e.g. the final board for the camera). */
  async load<D extends ReplayDoc>(doc: D, t: number): Promise<Frame<D>> {
    const cached = this.peek(doc, t)
    if (cached) return cached
    return this.fetch(doc, this.keyAt(doc, t))
  }

  private hand<D extends ReplayDoc>(doc: D, key: number, frame: Frame<D>): void {
    this.lanes[doc].shown = key
    this.onFrame(doc, key, frame)
  }

  /** Stops delivering frames (unmount). Reversible: StrictMode unmounts and remounts once. */
  dispose(): void {
    this.disposed = true
  }

  activate(): void {
    this.disposed = false
  }

  private async fetch<D extends ReplayDoc>(doc: D, key: number): Promise<Frame<D>> {
    const requested = performance.now()
    const bytes = await this.api.state(doc, key)
    this.bytes += bytes.byteLength
    this.fetches++
    const received = performance.now()
    const frame = (doc === 'board' ? decodeBoard(bytes) : decodeControl(bytes)) as Frame<D>
    performance.measure(`replay:fetch-${doc}`, { start: requested, end: received })
    performance.measure(`replay:decode-${doc}`, { start: received, end: performance.now() })
    this.cache.set(`${doc}@${key}`, frame)
    return frame
  }

  private pump(doc: ReplayDoc): void {
    const lane = this.lanes[doc]
    if (lane.inFlight !== null || lane.wanted === null || this.disposed) return
    const key = lane.wanted
    lane.wanted = null
    lane.inFlight = key
    this.fetch(doc, key).then(
      (frame) => {
        lane.inFlight = null
        if (this.disposed) return
        // Shown even if the scrubber has moved on (it is nearer than what is on screen, and a
        // drag then shows a steady stream of frames), unless the latest target is already shown.
        if (lane.target !== lane.shown) this.hand(doc, key, frame)
        this.pump(doc)
      },
      (err: unknown) => {
        lane.inFlight = null
        if (this.disposed) return
        this.onError(err)
        this.pump(doc)
      },
    )
  }
}
