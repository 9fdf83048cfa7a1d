import { serverTime } from '../api/publicApi'
import { clockJumped, type ClockSample, estimateOffset, type OffsetEstimate } from './estimateOffset.js'

const PROBES = 5
const REFRESH_MS = 60_000
const JUMP_CHECK_MS = 5_000

type Listener = () => void

/**
 * The server's clock as seen from this browser. Every timer display derives from `now()`, so all
 * participants agree whatever their local clock says.
 */
export class ServerClock {
  private estimate: OffsetEstimate | null = null
  private listeners = new Set<Listener>()
  private refreshTimer: ReturnType<typeof setInterval> | null = null
  private jumpTimer: ReturnType<typeof setInterval> | null = null
  private measuredAt = { wall: 0, mono: 0 }
  private inFlight: Promise<void> | null = null
  private stopped = true

  constructor(private readonly readServerTime: () => Promise<number | null> = serverTime) {}

  /** Server time in epoch ms (local time until the first measurement lands: check `ready`). */
  now = (): number => Date.now() + (this.estimate?.offsetMs ?? 0)

  get ready(): boolean {
    return this.estimate !== null
  }

  get offsetMs(): number | null {
    return this.estimate?.offsetMs ?? null
  }

  /** Starts measuring; refreshes every minute, when the tab regains focus and after clock jumps. */
  start(): void {
    if (!this.stopped) return
    this.stopped = false
    void this.measure()
    this.refreshTimer = setInterval(() => void this.measure(), REFRESH_MS)
    this.jumpTimer = setInterval(() => {
      if (
        this.ready &&
        clockJumped(Date.now() - this.measuredAt.wall, performance.now() - this.measuredAt.mono)
      )
        void this.measure()
    }, JUMP_CHECK_MS)
    window.addEventListener('focus', this.onFocus)
    document.addEventListener('visibilitychange', this.onFocus)
  }

  stop(): void {
    this.stopped = true
    if (this.refreshTimer) clearInterval(this.refreshTimer)
    if (this.jumpTimer) clearInterval(this.jumpTimer)
    window.removeEventListener('focus', this.onFocus)
    document.removeEventListener('visibilitychange', this.onFocus)
  }

  /** Called whenever the offset changes (the first measurement included). */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** Several sequential round trips; concurrent calls share one run. */
  measure(): Promise<void> {
    this.inFlight ??= this.probe().finally(() => {
      this.inFlight = null
    })
    return this.inFlight
  }

  private onFocus = () => {
    if (document.visibilityState === 'visible') void this.measure()
  }

  private async probe(): Promise<void> {
    const samples: ClockSample[] = []
    for (let i = 0; i < PROBES && !this.stopped; i++) {
      try {
        const t0 = Date.now()
        const server = await this.readServerTime()
        const t1 = Date.now()
        if (server !== null) samples.push({ t0, server, t1 })
      } catch {
        // Offline for a moment: keep the previous estimate, the next refresh will retry.
      }
    }
    const estimate = estimateOffset(samples)
    if (!estimate || this.stopped) return
    this.estimate = estimate
    this.measuredAt = { wall: Date.now(), mono: performance.now() }
    for (const l of this.listeners) l()
  }
}
