import { writeFileSync } from 'node:fs'

/**
 * Names of the server's own threads, as `top -H`, `ps -L` and the sync bench's per-thread CPU show
 * them (Linux; at most 15 bytes). Without a name every thread of the process is "node". A thread
 * created by a named one inherits its name: libuv's pool, if a named thread were the first to use
 * it (async fs, crypto, zlib), would count as that thread. These threads do only synchronous work.
 */
export const THREAD_NAMES = {
  logWriter: 'mb-log-writer',
  checkpointer: 'mb-checkpoint',
  docWorker: 'mb-doc-worker',
} as const

/** Names the calling thread; where /proc has no such file (not Linux) it keeps its name. */
export function nameThisThread(name: string): void {
  try {
    writeFileSync('/proc/thread-self/comm', name)
  } catch {
    // Not Linux, or /proc not mounted: the name is only for people and the bench.
  }
}

/** The same for a thread run from plain CommonJS source, named by its `workerData.threadName`. */
export const NAME_THREAD_SOURCE =
  "try { require('node:fs').writeFileSync('/proc/thread-self/comm', workerData.threadName) } catch {}"
