import { summarizeSession } from '@mockboard/shared'
import type { Logger } from 'pino'

import type { DocWorkerPool } from '../replay/DocWorkerPool.js'
import { loadParts } from '../replay/readStored.js'
import { SessionDeletedError } from '../storage/DeletedSessions.js'
import type { Storage } from '../storage/Storage.js'

export interface SummaryKeeperOptions {
  storage: Storage
  workers: DocWorkerPool
  logger: Logger
  /** Quiet time after the last timer or rubric change before the summary is rebuilt. */
  delayMs: number
}

/**
 * Keeps each workspace session's summary row (time per phase, overruns, scores, recommendation)
 * in step with its control and private documents, so a listing is one query and never decodes a
 * document. Rebuilt from storage a moment after the last change (a burst of rubric edits costs
 * one rebuild), on the worker pool; only for sessions that belong to a workspace.
 */
export class SummaryKeeper {
  private readonly due = new Map<string, NodeJS.Timeout>()
  private readonly running = new Set<Promise<void>>()
  private closed = false

  constructor(private readonly options: SummaryKeeperOptions) {}

  /** The session's timer or rubric changed (a stored or relayed update). */
  changed(sessionId: string): void {
    if (this.closed) return
    clearTimeout(this.due.get(sessionId))
    const timer = setTimeout(() => {
      this.due.delete(sessionId)
      void this.refreshNow(sessionId)
    }, this.options.delayMs)
    timer.unref()
    this.due.set(sessionId, timer)
  }

  /** Rebuilds the summary now; failures are logged (the next change tries again). */
  refreshNow(sessionId: string): Promise<void> {
    const run = this.rebuild(sessionId)
      .catch((err: unknown) => {
        // Deleted while it was rebuilt: its summary row is refused, and that is the point.
        if (err instanceof SessionDeletedError) return
        this.options.logger.error({ err, sessionId }, 'session summary failed')
      })
      .finally(() => this.running.delete(run))
    this.running.add(run)
    return run
  }

  /** Drops a deleted session's pending rebuild. */
  forget(sessionId: string): void {
    clearTimeout(this.due.get(sessionId))
    this.due.delete(sessionId)
  }

  /** Runs the pending rebuilds now and waits for them (before storage closes). */
  async close(): Promise<void> {
    this.closed = true
    const pending = [...this.due.keys()]
    for (const timer of this.due.values()) clearTimeout(timer)
    this.due.clear()
    for (const id of pending) void this.refreshNow(id)
    await Promise.all([...this.running])
  }

  private async rebuild(sessionId: string): Promise<void> {
    const { storage, workers } = this.options
    const record = await storage.getSession(sessionId)
    if (!record?.workspaceId) return
    const [control, priv] = await Promise.all([
      loadParts(storage, sessionId, 'control'),
      loadParts(storage, sessionId, 'private'),
    ])
    const read = await workers.run({ type: 'summary', control, private: priv })
    const summary = summarizeSession(record.phases, read.timer, read.rubric, Date.now())
    // The board is frozen once the session ended: review it then, once, not on every rubric click.
    if (read.timer.state?.status === 'ended') {
      const review = await workers.run({
        type: 'review',
        board: await loadParts(storage, sessionId, 'board'),
      })
      summary.findings = [...new Set(review.findings.map((f) => f.rule))].sort()
    }
    await storage.saveSummary(sessionId, summary)
  }
}
