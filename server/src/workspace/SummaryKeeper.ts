import { summarizeSession } from '@mockboard/shared'
import type { Logger } from 'pino'

import { HttpError } from '../errors.js'
import type { DocWorkerPool } from '../replay/DocWorkerPool.js'
import { loadParts } from '../replay/readStored.js'
import type { ReadGate } from '../routes/ReadGate.js'
import { SessionDeletedError } from '../storage/DeletedSessions.js'
import { type Storage, storedParts } from '../storage/Storage.js'

export interface SummaryKeeperOptions {
  storage: Storage
  workers: DocWorkerPool
  /** The gate of the replay and report reads: a rebuild loads two or three documents too. */
  readGate: Pick<ReadGate, 'run'>
  logger: Logger
  /** Quiet time after the last timer or rubric change before the summary is rebuilt. */
  delayMs: number
}

/** Ended sessions whose board review is remembered; past it the oldest is forgotten. */
const MAX_REVIEWED = 1_000

/**
 * Keeps each workspace session's summary row (time per phase, overruns, scores, recommendation)
 * in step with its control and private documents, so a listing is one query and never decodes a
 * document. Rebuilt from storage a moment after the last change (a burst of rubric edits costs
 * one rebuild), through the read gate and on the worker pool; only for sessions that belong to a
 * workspace. An ended session's board review is kept per board head: rubric clicks after the
 * end do not review the board again.
 */
export class SummaryKeeper {
  private readonly due = new Map<string, NodeJS.Timeout>()
  private readonly running = new Set<Promise<void>>()
  /** Session → the board log's head seq when it was last reviewed, and the review's rule ids. */
  private readonly reviewed = new Map<string, { head: number; findings: string[] }>()
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
    const run = this.options.readGate
      .run(() => this.rebuild(sessionId))
      .catch((err: unknown) => {
        // Deleted while it was rebuilt: its summary row is refused, and that is the point.
        if (err instanceof SessionDeletedError) return
        // The read gate's queue is full: try again after the quiet time rather than pile up.
        if (err instanceof HttpError && err.statusCode === 503) return this.changed(sessionId)
        this.options.logger.error({ err, sessionId }, 'session summary failed')
      })
      .finally(() => this.running.delete(run))
    this.running.add(run)
    return run
  }

  /** Drops a deleted session's pending rebuild and remembered review. */
  forget(sessionId: string): void {
    clearTimeout(this.due.get(sessionId))
    this.due.delete(sessionId)
    this.reviewed.delete(sessionId)
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
    // The board is frozen once the session ended: review it then, once per board head.
    if (read.timer.state?.status === 'ended') summary.findings = await this.boardFindings(sessionId)
    await storage.saveSummary(sessionId, summary)
  }

  private async boardFindings(sessionId: string): Promise<string[]> {
    const { storage, workers } = this.options
    const known = this.reviewed.get(sessionId)
    // One lookup in the log's key: the same last seq while the board has not changed since.
    if (known && (await storage.lastSeq(sessionId, 'board')) === known.head) return known.findings
    const board = await storage.loadDoc(sessionId, 'board')
    const head = board.tail.at(-1)?.seq ?? board.snapshot?.seq ?? 0
    const review = await workers.run({ type: 'review', board: storedParts(board) })
    const findings = [...new Set(review.findings.map((f) => f.rule))].sort()
    this.reviewed.delete(sessionId)
    this.reviewed.set(sessionId, { head, findings })
    if (this.reviewed.size > MAX_REVIEWED) this.reviewed.delete(this.reviewed.keys().next().value!)
    return findings
  }
}
