import type { DocName } from '@mockboard/shared'

import type { SessionRecord, Storage } from '../storage/Storage.js'
import { OneBuildAtATime } from './OneBuildAtATime.js'
import { stillFresh } from './rebuildBudget.js'

/** Sessions whose last history is remembered (a stamp each: a few hundred bytes). */
const MAX_STAMPS = 2048

/** What one history body was built from: checked against storage before the body is reused. */
interface Stamp {
  heads: Partial<Record<DocName, number>>
  docs: readonly DocName[]
  cameras: number
  record: string
  version: number
  builtAt: number
  /** What its build took (ms). */
  cost: number
}

/**
 * Knows whether the history last built for a session view is still current, without listing the
 * log again. A history lists every stored update (38k rows for a busy hour: 130 ms of a worker
 * plus the compression, and ~0.9 s to the first byte while a browser opening the replay shares
 * the machine), but it is a function of the log, the session record and the camera samples
 * only, and the log is append-only: nothing stored after the last seq each document had when the
 * build began, the same camera count and the same record mean the same body. The check is one
 * lookup in the log's key per document (Storage.lastSeq: no update is read). The compressed
 * bodies themselves live in the route's EncodedCache under the key this returns, so they share
 * its byte budget.
 */
export class HistoryCache {
  private readonly stamps = new Map<string, Stamp>()
  private readonly builds = new OneBuildAtATime()
  private version = 0

  constructor(
    private readonly storage: Storage,
    private readonly now: () => number,
  ) {}

  /**
   * The cache key of the body built last for `view`, if nothing it was built from has changed, or
   * only the log and the cameras did and it is too fresh to build another (rebuildBudget.ts). A
   * changed session record (sharing, its end, its phases) always means a new body.
   */
  async current(view: string, session: SessionRecord): Promise<string | null> {
    const stamp = this.stamps.get(view)
    if (!stamp || stamp.record !== JSON.stringify(session)) return null
    if (stillFresh(stamp.builtAt, stamp.cost, this.now())) return keyOf(view, stamp.version)
    if (!sameHeads(stamp.heads, await this.heads(session.id, stamp.docs), stamp.docs)) return null
    if ((await this.storage.countCameras(session.id)) !== stamp.cameras) return null
    return keyOf(view, stamp.version)
  }

  /** The last stored seq of each of `docs` (0 for none). */
  async heads(sessionId: string, docs: readonly DocName[]): Promise<Partial<Record<DocName, number>>> {
    const heads: Partial<Record<DocName, number>> = {}
    for (const doc of docs) heads[doc] = await this.storage.lastSeq(sessionId, doc)
    return heads
  }

  /**
   * Remembers what a body was built from, and what the build took (`cost`, ms). Returns the key to
   * cache its encodings under, and the key it replaces (null if none): the bodies under that one
   * are never asked for again.
   */
  remember(
    view: string,
    session: SessionRecord,
    heads: Partial<Record<DocName, number>>,
    docs: readonly DocName[],
    cameras: number,
    cost: number,
  ): { key: string; replaced: string | null } {
    const record = JSON.stringify(session)
    const known = this.stamps.get(view)
    // Built again from the same state (another encoding asked for): its encodings share a key.
    if (known && known.record === record && known.cameras === cameras && sameHeads(known.heads, heads, docs))
      return { key: keyOf(view, known.version), replaced: null }
    const version = ++this.version
    this.stamps.delete(view)
    this.stamps.set(view, { heads, docs, cameras, record, version, builtAt: this.now(), cost })
    for (const oldest of this.stamps.keys()) {
      if (this.stamps.size <= MAX_STAMPS) break
      this.stamps.delete(oldest)
    }
    return { key: keyOf(view, version), replaced: known ? keyOf(view, known.version) : null }
  }

  /** Forgets what was built for a session (it is deleted); views are keyed `<id>/…`. */
  forget(sessionId: string): void {
    for (const view of [...this.stamps.keys()]) if (view.startsWith(`${sessionId}/`)) this.stamps.delete(view)
  }

  /** Runs `build` for `view` once at a time (see OneBuildAtATime). */
  exclusive<T>(view: string, lookup: () => Promise<T | null>, build: () => Promise<T>): Promise<T> {
    return this.builds.run(view, lookup, build)
  }
}

const sameHeads = (
  a: Partial<Record<DocName, number>>,
  b: Partial<Record<DocName, number>>,
  docs: readonly DocName[],
) => docs.every((doc) => (a[doc] ?? 0) === (b[doc] ?? 0))

const keyOf = (view: string, version: number) => `${view}/history/${version}`
