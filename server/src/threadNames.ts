import { writeFileSync } from 'node:fs'
import { getPriority, setPriority } from 'node:os'

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
 * Each thread's nice value (Linux), never below the process's own. The event loop relays every
 * update; where these threads share a core with it (a one-core container, the pinned bench), the
 * scheduler would split the core evenly while they run. The WAL's checkpoints can wait for what
 * the loop leaves: 19. Doc workers (replay, report and review reads) and the journal's loader keep
 * the loop's priority: someone waits for each read, and a room's load, a replay read and a deletion
 * wait for the loader (`settle`). A nice value counts against every process of the machine, not
 * only this one's threads: with doc workers at 10, a replay's review marks did not appear within
 * 30 s in one CI run, beside the browser showing that replay.
 */
export const THREAD_NICE: Record<keyof typeof THREAD_NAMES, number> = {
  logWriter: 0,
  checkpointer: 19,
  docWorker: 0,
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
    if (THREAD_NICE[kind] > getPriority()) setPriority(THREAD_NICE[kind])
  } catch {
    // The name and priority only help people, the bench and the event loop's latency.
  }
}

/** The same for a thread run from plain CommonJS source, given `workerData.thread` = threadData(kind). */
export const SET_UP_THREAD_SOURCE = `if (process.platform === 'linux') {
  try {
    require('node:fs').writeFileSync('/proc/thread-self/comm', workerData.thread.name)
    const os = require('node:os')
    if (workerData.thread.nice > os.getPriority()) os.setPriority(workerData.thread.nice)
  } catch {}
}`

/** What SET_UP_THREAD_SOURCE reads from `workerData.thread`. */
export const threadData = (kind: keyof typeof THREAD_NAMES) => ({
  name: THREAD_NAMES[kind],
  nice: THREAD_NICE[kind],
})
