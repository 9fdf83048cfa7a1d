import type { SessionHistory } from '@mockboard/shared'

import type { SessionApi } from '../api/sessionApi'
import { type ControlFrame, decodeControl } from './decodeFrames'
import { lastAtOrBefore } from './lastAtOrBefore'
import { LruCache } from './LruCache'

/** Key of "before the first update": an empty document, never fetched. */
const BEFORE_FIRST = -1
const EMPTY: ControlFrame = { timer: null, plan: null }

/**
 * Serves the control doc (timer, phase plan) as it was at t, through `state?at=`: it is a few
 * hundred bytes, so one request per change is cheaper than a log. The doc only changes when an
 * update was stored, so every instant maps to the time of the last update at or before it and
 * idle stretches are one cache entry. Requests are coalesced, latest wins, at most one in flight.
 */
export class StateFeed {
  private readonly times: number[]
  private readonly cache = new LruCache<number, ControlFrame>(128)
  private wanted: number | null = null
  private inFlight = false
  private target: number | null = null
  private shown: number | null = null
  private disposed = false

  constructor(
    private readonly api: SessionApi,
    updates: SessionHistory['updates'],
    private readonly onFrame: (frame: ControlFrame) => void,
    private readonly onError: (err: unknown) => void,
  ) {
    this.times = updates.at.filter((_, i) => updates.doc[i] === 'control')
  }

  private keyAt(t: number): number {
    const i = lastAtOrBefore(this.times, t)
    return i < 0 ? BEFORE_FIRST : this.times[i]!
  }

  /** Asks for the control doc at `t`; onFrame fires synchronously on a cache hit, else when it arrives. */
  show(t: number): void {
    const key = this.keyAt(t)
    this.target = key
    const cached = key === BEFORE_FIRST ? EMPTY : this.cache.get(key)
    if (cached) {
      this.wanted = null
      if (this.shown !== key) this.hand(key, cached)
      return
    }
    this.wanted = key
    this.pump()
  }

  private hand(key: number, frame: ControlFrame): void {
    this.shown = key
    this.onFrame(frame)
  }

  /** Stops delivering frames (unmount). Reversible: StrictMode unmounts and remounts once. */
  dispose(): void {
    this.disposed = true
  }

  activate(): void {
    this.disposed = false
  }

  private pump(): void {
    if (this.inFlight || this.wanted === null || this.disposed) return
    const key = this.wanted
    this.wanted = null
    this.inFlight = true
    this.api.state('control', key).then(
      (bytes) => {
        this.inFlight = false
        const frame = decodeControl(bytes)
        this.cache.set(key, frame)
        if (this.disposed) return
        if (this.target !== this.shown) this.hand(key, frame)
        this.pump()
      },
      (err: unknown) => {
        this.inFlight = false
        if (this.disposed) return
        this.onError(err)
        this.pump()
      },
    )
  }
}
