import type { CameraRole, CameraSample } from '@mockboard/shared'
import type { Logger } from 'pino'

import type { Storage } from '../storage/Storage.js'

/** At most one sample per participant role this often: enough to follow a view, a few rows a minute. */
const EVERY_MS = 1000
const MAX_TEXT = 200

export interface CameraRecorderOptions {
  sessionId: string
  storage: Pick<Storage, 'appendCameras' | 'countCameras'>
  logger: Logger
  /**
   * Samples the session may store in all (MOCKBOARD_MAX_CAMERA_ROWS): counted in rows because the
   * recorder's rate is in rows and every row goes into each replay timeline; a row is under 500 bytes.
   */
  maxRows: number
}

/** The camera part of tldraw's `instance_presence`, checked field by field (a peer may send anything). */
function sampleOf(role: CameraRole, presence: unknown, at: number): CameraSample | null {
  if (!presence || typeof presence !== 'object') return null
  const p = presence as Record<string, unknown>
  const camera = p['camera'] as Record<string, unknown> | undefined
  const screen = p['screenBounds'] as Record<string, unknown> | undefined
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : NaN)
  const [x, y, z, w, h] = [camera?.['x'], camera?.['y'], camera?.['z'], screen?.['w'], screen?.['h']].map(
    num,
  ) as [number, number, number, number, number]
  // NaN fails every comparison: any missing or non-finite field drops the sample.
  if (!(Number.isFinite(x) && Number.isFinite(y) && z > 0 && w > 0 && h > 0)) return null
  const name = typeof p['userName'] === 'string' ? p['userName'].slice(0, MAX_TEXT) : ''
  const page = typeof p['currentPageId'] === 'string' ? p['currentPageId'].slice(0, MAX_TEXT) : ''
  return { at, role, name, page, x, y, z, w, h }
}

const sameView = (a: CameraSample, b: CameraSample) =>
  a.x === b.x &&
  a.y === b.y &&
  a.z === b.z &&
  a.w === b.w &&
  a.h === b.h &&
  a.page === b.page &&
  a.name === b.name

/**
 * Keeps each participant's camera in the log so a replay can follow what they saw: from the
 * presence they publish anyway, one sample per role at most every second, only when the view
 * changed, and the last position of a move always (a trailing write once the second is over).
 * Observers are not recorded. Writes are chained so samples land in order; a failed write is
 * logged, never fatal (the camera is a nicety, the board is the record).
 */
export class CameraRecorder {
  private readonly last = new Map<CameraRole, { sample: CameraSample; writtenAt: number }>()
  private readonly pending = new Map<CameraRole, CameraSample>()
  private timer: NodeJS.Timeout | null = null
  private writes: Promise<void> = Promise.resolve()
  /** Rows the session holds, once counted from storage (at the first write). */
  private stored: number | null = null

  constructor(private readonly options: CameraRecorderOptions) {}

  /** A presence state as the server keeps it (`role` set from the token, `presence` from tldraw). */
  observe(state: unknown, now = Date.now()): void {
    if (!state || typeof state !== 'object') return
    const { role, presence } = state as { role?: unknown; presence?: unknown }
    if (role !== 'interviewer' && role !== 'candidate') return
    const sample = sampleOf(role, presence, now)
    if (!sample) return
    const last = this.last.get(role)
    if (last && sameView(last.sample, sample)) {
      this.pending.delete(role)
      return
    }
    if (!last || now - last.writtenAt >= EVERY_MS) this.write([sample], now)
    else {
      this.pending.set(role, sample)
      this.timer ??= setTimeout(() => this.flushDue(), last.writtenAt + EVERY_MS - now)
      this.timer.unref()
    }
  }

  /** Writes what is still pending (the room is closing) and waits for every write. */
  async close(): Promise<void> {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    this.write([...this.pending.values()], Date.now())
    await this.writes
  }

  /** Drops what is still pending (the session is being deleted); writes already started go on. */
  discard(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    this.pending.clear()
  }

  private flushDue(): void {
    this.timer = null
    const now = Date.now()
    const due: CameraSample[] = []
    let next = Infinity
    for (const [role, sample] of this.pending) {
      const writtenAt = this.last.get(role)?.writtenAt ?? 0
      if (now - writtenAt >= EVERY_MS) due.push(sample)
      else next = Math.min(next, writtenAt + EVERY_MS - now)
    }
    this.write(due, now)
    if (Number.isFinite(next)) {
      this.timer = setTimeout(() => this.flushDue(), next)
      this.timer.unref()
    }
  }

  private write(samples: CameraSample[], now: number): void {
    if (samples.length === 0) return
    for (const s of samples) {
      this.last.set(s.role, { sample: s, writtenAt: now })
      this.pending.delete(s.role)
    }
    const { storage, sessionId, logger, maxRows } = this.options
    this.writes = this.writes.then(async () => {
      try {
        this.stored ??= await storage.countCameras(sessionId)
        const kept = samples.slice(0, Math.max(0, maxRows - this.stored))
        if (kept.length === 0) return
        this.stored += kept.length
        await storage.appendCameras(sessionId, kept)
        if (this.stored >= maxRows)
          logger.warn({ sessionId, maxRows }, 'camera log full: later samples dropped')
      } catch (err) {
        logger.warn({ err, sessionId }, 'camera samples not stored')
      }
    })
  }
}
