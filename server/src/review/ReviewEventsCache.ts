import type { FindingEvent } from '@mockboard/shared'

import type { AppContext } from '../context.js'

/** Sessions whose findings over time are kept: the ones being reviewed now. */
const MAX_SESSIONS = 64

interface Entry {
  /** Seq of the last board update the events were built from. */
  head: number
  events: Promise<FindingEvent[]>
}

/**
 * `GET …/review/events` reviews the board at up to 2,000 instants on the shared document workers:
 * its answer is kept per session with the board log's head it was built from, and built again only
 * once the log has grown (an ended session's never changes). Concurrent asks share one build.
 */
export class ReviewEventsCache {
  private readonly entries = new Map<string, Entry>()

  constructor(private readonly ctx: Pick<AppContext, 'storage' | 'docWorkers'>) {}

  async of(id: string): Promise<FindingEvent[]> {
    const { storage, docWorkers } = this.ctx
    const hit = this.entries.get(id)
    if (hit && (await storage.lastSeq(id, 'board')) === hit.head) {
      // Most recently used last: the first entry is the one to drop.
      this.entries.delete(id)
      this.entries.set(id, hit)
      return hit.events
    }
    const updates = await storage.updatesAfter(id, 'board', 0)
    const entry: Entry = {
      head: updates.at(-1)?.seq ?? 0,
      events: docWorkers.run({
        type: 'reviewEvents',
        updates: updates.map((u) => ({ at: u.at, data: u.data })),
      }),
    }
    this.entries.delete(id)
    this.entries.set(id, entry)
    if (this.entries.size > MAX_SESSIONS) this.entries.delete(this.entries.keys().next().value!)
    // A failed build is not kept: the next ask tries again.
    entry.events.catch(() => {
      if (this.entries.get(id) === entry) this.entries.delete(id)
    })
    return entry.events
  }
}
