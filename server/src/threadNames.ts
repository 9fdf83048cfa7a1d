import { writeFileSync } from 'node:fs'
import { setPriority } from 'node:os'

/**
 * Names of the server's own threads, as `top -H`, `ps -L` and the sync bench's per-thread CPU show
 * them (Linux; at most 15 bytes). Without a name every thread of the process is "node". A thread
 * created by a named one inherits its name and its nice value: libuv's pool, if a named thread were
 * the first to use it (async fs, crypto, zlib), would count as that thread and run at its priority.
 * These threads do only synchronous work.
 */
export const THREAD_NAMES = {
  logWriter: 'mb-log-writer',
  checkpointer: 'mb-checkpoint',
  docWorker: 'mb-doc-worker',
} as const

/**
 * Each thread's nice value (Linux). The event loop relays every update and stays at 0; where the
 * threads share a core with it (a one-core container, or the pinned bench), the scheduler would
 * otherwise split the core evenly while a journal load runs, and every relay in those milliseconds
 * waits. The journal's loads and the WAL's checkpoints can wait: 19 gives them what the loop leaves.
 * Replay and report reads have someone waiting on them, but less urgently than a live board: 10.
 */
export const THREAD_NICE: Record<keyof typeof THREAD_NAMES, number> = {
  logWriter: 19,
  checkpointer: 19,
  docWorker: 10,
}

/**
 * Names the calling thread and lowers its priority. Only on Linux, where the nice value is the
 * thread's own (elsewhere `setpriority` of pid 0 would lower the whole process); where /proc has no
 * such file, or lowering is refused, the thread keeps its name and priority.
 */
export function setUpThisThread(kind: keyof typeof THREAD_NAMES): void {
  if (process.platform !== 'linux') return
  try {
    writeFileSync('/proc/thread-self/comm', THREAD_NAMES[kind])
    setPriority(THREAD_NICE[kind])
  } catch {
    // The name and priority only help people, the bench and the event loop's latency.
  }
}

/** The same for a thread run from plain CommonJS source, given `workerData.thread` = threadData(kind). */
export const SET_UP_THREAD_SOURCE = `if (process.platform === 'linux') {
  try {
    require('node:fs').writeFileSync('/proc/thread-self/comm', workerData.thread.name)
    require('node:os').setPriority(workerData.thread.nice)
  } catch {}
}`

/** What SET_UP_THREAD_SOURCE reads from `workerData.thread`. */
export const threadData = (kind: keyof typeof THREAD_NAMES) => ({
  name: THREAD_NAMES[kind],
  nice: THREAD_NICE[kind],
})
