import { Worker } from 'node:worker_threads'

import type { Logger } from 'pino'

import { type DocTask, type DocTaskResult, runDocTask, taskBytes } from './docTasks.js'

/**
 * Tasks smaller than this run inline: merging a few kB (a control doc, a fresh board) takes well
 * under a millisecond, less than a round trip to a worker, and never waits for one to start.
 */
const INLINE_BELOW_BYTES = 64 * 1024

/** What a worker answers for one task (see docWorker.ts). */
export type DocWorkerReply =
  { id: number; ok: true; result: unknown } | { id: number; ok: false; message: string }

interface Job {
  id: number
  task: DocTask
  resolve(result: unknown): void
  reject(err: Error): void
}

/**
 * Runs the CPU-heavy reads of stored documents (Yjs merges, Y.Doc building for reports) on worker
 * threads: building a big board's Y.Doc took 3–8 s of the event loop, stalling every socket and
 * request of the process. Workers start on first use and are replaced if one dies; jobs wait in
 * order. The queue is bounded by the caller (ReadGate: MOCKBOARD_CONCURRENT_READS at once, then
 * 503), so the pool does not bound it a second time.
 */
export class DocWorkerPool {
  private readonly idle: Worker[] = []
  private readonly busy = new Map<Worker, Job>()
  private readonly queue: Job[] = []
  private nextId = 1
  private closed = false

  constructor(
    private readonly size: number,
    private readonly logger: Logger,
    /**
     * The worker's entry beside this module: in the sources a .mjs shim that loads the TypeScript
     * worker through tsx; in the built server (server/dist) the worker itself.
     */
    private readonly entry: URL = new URL('./docWorker.mjs', import.meta.url),
  ) {}

  run<T extends DocTask>(task: T): Promise<DocTaskResult<T>> {
    if (this.closed) return Promise.reject(new Error('document workers are closed'))
    if (taskBytes(task) < INLINE_BELOW_BYTES) {
      try {
        return Promise.resolve(runDocTask(task))
      } catch (err) {
        return Promise.reject(err instanceof Error ? err : new Error(String(err)))
      }
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, task, resolve: resolve, reject })
      this.dispatch()
    })
  }

  /** Workers running now (idle or busy). */
  get workers(): number {
    return this.idle.length + this.busy.size
  }

  async close(): Promise<void> {
    this.closed = true
    for (const job of this.queue.splice(0)) job.reject(new Error('document workers are closed'))
    const all = [...this.idle.splice(0), ...this.busy.keys()]
    await Promise.all(all.map((w) => w.terminate()))
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      const worker = this.idle.pop() ?? (this.workers < this.size ? this.spawn() : null)
      if (!worker) return
      const job = this.queue.shift()!
      this.busy.set(worker, job)
      worker.postMessage({ id: job.id, task: job.task })
    }
  }

  private spawn(): Worker {
    const worker = new Worker(this.entry)
    // An idle worker must not keep the process alive; a busy one has a request waiting on it.
    worker.unref()
    worker.on('message', (reply: DocWorkerReply) => {
      const job = this.busy.get(worker)
      if (!job || job.id !== reply.id) return
      this.busy.delete(worker)
      if (!this.closed) this.idle.push(worker)
      if (reply.ok) job.resolve(reply.result)
      else job.reject(new Error(reply.message))
      this.dispatch()
    })
    let gone = false
    const lost = (err: Error) => {
      if (gone) return // 'error' is followed by 'exit'
      gone = true
      const job = this.busy.get(worker)
      this.busy.delete(worker)
      const at = this.idle.indexOf(worker)
      if (at >= 0) this.idle.splice(at, 1)
      if (this.closed) return
      this.logger.error({ err }, 'document worker died; replacing it')
      job?.reject(err)
      this.dispatch()
    }
    worker.on('error', lost)
    worker.on('exit', (code) => lost(new Error(`document worker exited with code ${code}`)))
    return worker
  }
}
