import { type RemovalContext, removeSession } from './removeSession.js'

/** How often expired sessions are looked for (and once at start). */
const SWEEP_EVERY_MS = 60 * 60 * 1000
/** Sessions deleted per query: a first sweep over years of data goes in bounded steps. */
const BATCH = 100

/**
 * MOCKBOARD_RETENTION_DAYS: deletes sessions created longer ago than that, at start and then every
 * hour, through the same path as `DELETE /api/sessions/:id` (live sockets closed with 4410).
 */
export class RetentionSweeper {
  private readonly timer: NodeJS.Timeout
  private sweeping: Promise<void> | null = null
  private stopped = false

  constructor(
    private readonly ctx: RemovalContext,
    private readonly retentionDays: number,
  ) {
    this.timer = setInterval(() => void this.sweep(), SWEEP_EVERY_MS)
    this.timer.unref()
    void this.sweep()
  }

  /** One sweep (a sweep already running is joined, not doubled); resolves to the sessions deleted. */
  sweep(): Promise<void> {
    this.sweeping ??= this.run()
      .catch((err: unknown) => this.ctx.logger.error({ err }, 'retention sweep failed'))
      .finally(() => (this.sweeping = null))
    return this.sweeping
  }

  async stop(): Promise<void> {
    this.stopped = true
    clearInterval(this.timer)
    await this.sweeping
  }

  private async run(): Promise<void> {
    const cutoff = Date.now() - this.retentionDays * 86_400_000
    let deleted = 0
    for (;;) {
      const ids = await this.ctx.storage.sessionsCreatedBefore(cutoff, BATCH)
      for (const id of ids) {
        if (this.stopped) return
        if (await removeSession(this.ctx, id)) deleted++
      }
      if (ids.length < BATCH || this.stopped) break
    }
    if (deleted > 0) this.ctx.logger.info({ deleted, retentionDays: this.retentionDays }, 'retention sweep')
  }
}
