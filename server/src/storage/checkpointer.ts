import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'

/** How often the WAL is folded back into the database file. */
const CHECKPOINT_EVERY_MS = 500

/**
 * Plain CommonJS so the thread needs no TypeScript loader. PASSIVE never blocks the writer: it
 * copies committed frames while the main thread keeps appending.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
const Database = require(workerData.driver)
const db = new Database(workerData.file)
db.pragma('busy_timeout = 5000')
const timer = setInterval(() => {
  try { db.pragma('wal_checkpoint(PASSIVE)') } catch {}
}, workerData.everyMs)
parentPort.on('message', () => {
  clearInterval(timer)
  db.close()
  process.exit(0)
})
`

export interface Checkpointer {
  /** Stops the thread after its current checkpoint; the final one is the closing connection's. */
  stop(): Promise<void>
}

/**
 * WAL checkpoints off the event loop. SQLite's automatic checkpoint runs inside whichever commit
 * crosses 1000 WAL pages and fsyncs the database file there: on the sync path that stalled every
 * socket of the process for 5–40 ms several times a second under load (the fan-out p99).
 * `onFailure` lets the caller turn automatic checkpoints back on if the thread cannot run.
 */
export function startCheckpointer(file: string, onFailure: () => void): Checkpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3')
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, driver, everyMs: CHECKPOINT_EVERY_MS } })
  worker.unref()
  let failed = false
  worker.on('error', () => {
    failed = true
    onFailure()
  })
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()))
  return {
    stop: async () => {
      if (failed) return
      worker.postMessage('stop')
      const timer = setTimeout(() => void worker.terminate(), 5_000)
      await exited
      clearTimeout(timer)
    },
  }
}
