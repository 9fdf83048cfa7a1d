import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'

import { SET_UP_THREAD_SOURCE, threadData } from '../threadNames.js'

/** How often the WAL is folded back into the database file. */
const CHECKPOINT_EVERY_MS = 500

/**
 * Plain CommonJS so the thread needs no TypeScript loader. PASSIVE never blocks the writer: it
 * copies committed frames while the main thread keeps appending.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
${SET_UP_THREAD_SOURCE}
const Database = require(workerData.driver)
const db = new Database(workerData.file)
db.pragma('busy_timeout = 5000')
db.pragma('secure_delete = ON')
let failing = false
const timer = setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)')
    if (failing) parentPort.postMessage({ ok: true })
    failing = false
  } catch (err) {
    // Report the first failure of a streak, not one every tick.
    if (!failing) parentPort.postMessage({ ok: false, message: String(err && err.message || err) })
    failing = true
  }
}, workerData.everyMs)
parentPort.on('message', (message) => {
  if (message !== 'stop') {
    // After a deletion: fold the WAL back and empty it, so the deleted rows' old pages leave it.
    let busy = true
    try {
      busy = db.pragma('wal_checkpoint(TRUNCATE)')[0].busy !== 0
    } catch {}
    parentPort.postMessage({ truncated: message.truncate, busy })
    return
  }
  clearInterval(timer)
  db.close()
  process.exit(0)
})
`

export interface CheckpointEvents {
  /** The thread cannot run: the caller turns automatic checkpoints back on. */
  onFailure(err: unknown): void
  /** A checkpoint failed (first of a streak; a full disk, say) or, `null`, worked again after failing. */
  onCheckpointError(message: string | null): void
}

export interface Checkpointer {
  /**
   * Checkpoints the whole WAL and truncates it to zero bytes (after a deletion: the WAL still holds
   * the pages as they were before). False when a reader held it (the WAL then empties at a later
   * checkpoint, as it is overwritten) or the thread is not running.
   */
  truncate(): Promise<boolean>
  /** Stops the thread after its current checkpoint; the final one is the closing connection's. */
  stop(): Promise<void>
}

/**
 * WAL checkpoints off the event loop. SQLite's automatic checkpoint runs inside whichever commit
 * crosses 1000 WAL pages and fsyncs the database file there: on the sync path that stalled every
 * socket of the process for 5–40 ms several times a second under load (the fan-out p99).
 */
export function startCheckpointer(file: string, events: CheckpointEvents): Checkpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3')
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { file, driver, everyMs: CHECKPOINT_EVERY_MS, thread: threadData('checkpointer') },
  })
  worker.unref()
  let failed = false
  worker.on('error', (err) => {
    failed = true
    events.onFailure(err)
  })
  const truncating = new Map<number, (done: boolean) => void>()
  let asked = 0
  worker.on(
    'message',
    (message: { ok: boolean; message?: string } | { truncated: number; busy: boolean }) => {
      if ('truncated' in message) {
        truncating.get(message.truncated)?.(!message.busy)
        truncating.delete(message.truncated)
      } else events.onCheckpointError(message.ok ? null : (message.message ?? 'unknown'))
    },
  )
  const exited = new Promise<void>((resolve) =>
    worker.once('exit', () => {
      for (const done of truncating.values()) done(false)
      truncating.clear()
      resolve()
    }),
  )
  return {
    truncate: () => {
      if (failed) return Promise.resolve(false)
      const id = ++asked
      worker.postMessage({ truncate: id })
      return new Promise((resolve) => truncating.set(id, resolve))
    },
    stop: async () => {
      if (failed) return
      worker.postMessage('stop')
      const timer = setTimeout(() => void worker.terminate(), 5_000)
      await exited
      clearTimeout(timer)
    },
  }
}
