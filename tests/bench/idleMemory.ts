import { startLoad, type Worker } from './loadWorkers.js'
import type { Pinning } from './pinning.js'
import { CpuWindow, memory } from './procStats.js'
import type { Target } from './targets.js'

export interface IdleMemoryResult {
  target: string
  sessions: number
  clients: number
  rssBeforeBytes: number
  rssAfterBytes: number
  /** (RSS with every client connected and idle − RSS after start) ÷ sessions. */
  bytesPerSession: number
  /** What the idle server then uses over IDLE_CPU_MS, as a share of one core (its heartbeats, pings, timers). */
  idleCpu: number
}

/** Lets the server settle (GC, buffers) before a memory reading. */
const SETTLE_MS = 5000
/** How long the idle server's CPU is read. */
const IDLE_CPU_MS = 10_000
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/**
 * What an idle session costs the server: `sessions` rooms with `clients` connected clients each,
 * synced and then silent. Sessions are created before the baseline, so their rows are not counted.
 */
export async function measureIdleMemory(
  target: Target,
  sessions: number,
  clients: number,
  workerCount: number,
  pinning: Pinning | null,
): Promise<IdleMemoryResult> {
  const server = await target.start({ cores: pinning?.server, serviceCores: pinning?.services })
  const pids = server.children.map((c) => c.pid)
  const rss = () => pids.reduce((a, pid) => a + memory(pid).rss, 0)
  const workers: Worker[] = []
  try {
    const specs = await target.prepare(server, sessions, clients)
    await sleep(SETTLE_MS)
    const rssBeforeBytes = rss()
    // No 'go' follows: the clients sync and stay idle.
    startLoad(
      workers,
      workerCount,
      { clientKind: target.clientKind, syncUrls: server.syncUrls, rate: 1, shapes: 1, layout: 'records' },
      specs,
      pinning,
    )
    await Promise.all(workers.map((w) => w.next('ready')))
    await sleep(SETTLE_MS)
    const rssAfterBytes = rss()
    const cpu = new CpuWindow(pids)
    await sleep(IDLE_CPU_MS)
    const idleCpu = cpu.stop().perProcess.reduce((a, b) => a + b, 0)
    return {
      target: target.name,
      sessions,
      clients,
      rssBeforeBytes,
      rssAfterBytes,
      bytesPerSession: (rssAfterBytes - rssBeforeBytes) / sessions,
      idleCpu,
    }
  } finally {
    for (const w of workers) if (w.child.exitCode === null) w.child.kill('SIGKILL')
    await server.stop()
  }
}
