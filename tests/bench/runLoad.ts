import { loadInit, post, startLoad, type Worker } from './loadWorkers.js'
import type { BenchOptions } from './options.js'
import type { Pinning } from './pinning.js'
import { CpuWindow, memory } from './procStats.js'
import { percentile } from './stats.js'
import type { Target } from './targets.js'
import type { FromWorker, WorkerResult } from './workerProtocol.js'

const RSS_SAMPLE_MS = 250

/** One target's row. CPU figures are shares of one core (2.0 = both cores of this machine). */
export interface LoadResult {
  /** Which round of --rounds (0 when there is one). */
  round?: number
  target: string
  description: string
  sessions: number
  clients: number
  p50Ms: number
  p99Ms: number
  p999Ms: number
  maxMs: number
  meanMs: number
  /** Updates delivered to peers per second inside the window. */
  deliveredPerSecond: number
  sent: number
  expected: number
  delivered: number
  lossPercent: number
  serverCpu: number
  /** Server CPU time per delivered update, in µs: the cost figure that does not depend on the load. */
  serverCpuPerDeliveryUs: number
  /** The servers' main threads alone (the rest: the log writer, GC and I/O threads). */
  mainThreadCpu: number
  mainThreadCpuPerDeliveryUs: number
  /**
   * Server CPU µs per delivery by thread name, summed over the server processes: "main", our
   * named threads (mb-log-writer…), and the runtime's ("node" for V8's helpers; libuv's pool is
   * "libuv-worker" on newer Node, "node" on Node 20).
   */
  threadCpuPerDeliveryUs: Record<string, number>
  loadGenCpu: number
  /** CPU used by every other process on the machine during the window (should be near 0). */
  otherCpu: number
  /** Server RSS: highest sampled in the window, the process's lifetime peak (VmHWM), and at the end. */
  rssPeakWindowBytes: number
  rssHwmBytes: number
  rssEndBytes: number
  meanUpdateBytes: number
  connectSeconds: number
  disconnects: number
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** Starts the target, connects every client, runs warm-up + window + drain, stops everything. */
export async function runLoad(
  target: Target,
  options: BenchOptions,
  log: (line: string) => void,
  cpuProfDir?: string,
  pinning: Pinning | null = null,
): Promise<LoadResult> {
  const server = await target.start({
    cpuProfDir,
    root: options.serverRoot ?? undefined,
    cores: pinning?.server,
    serviceCores: pinning?.services,
  })
  const serverPids = server.children.map((c) => c.pid)
  const workers: Worker[] = []
  try {
    const specs = await target.prepare(server, options.sessions, options.clientsPerSession)
    const connectStart = performance.now()
    startLoad(workers, options.workers, loadInit(target, server, options), specs, pinning)
    const ready = await Promise.all(workers.map((w) => w.next('ready')))
    const connectSeconds = (performance.now() - connectStart) / 1000
    log(
      `  ${specs.length * options.clientsPerSession} clients synced in ${connectSeconds.toFixed(1)} s (${ready.length} load processes); warm-up ${options.warmupSeconds} s, window ${options.durationSeconds} s`,
    )

    const { warmupSeconds, durationSeconds, drainSeconds } = options
    for (const w of workers)
      post(w, {
        type: 'go',
        warmupMs: warmupSeconds * 1000,
        durationMs: durationSeconds * 1000,
        drainMs: drainSeconds * 1000,
      })
    await sleep(warmupSeconds * 1000)
    const cpu = new CpuWindow([...serverPids, ...workers.map((w) => w.child.pid!)])
    const serverRss = () => serverPids.reduce((a, pid) => a + memory(pid).rss, 0)
    let rssPeakWindowBytes = 0
    const sampler = setInterval(
      () => (rssPeakWindowBytes = Math.max(rssPeakWindowBytes, serverRss())),
      RSS_SAMPLE_MS,
    )
    await sleep(durationSeconds * 1000)
    clearInterval(sampler)
    const { perProcess, mainThread, byThreadName, others } = cpu.stop()
    const serverCpu = perProcess.slice(0, serverPids.length).reduce((a, b) => a + b, 0)
    const mainThreadCpu = mainThread.slice(0, serverPids.length).reduce((a, b) => a + b, 0)
    const threadCpu: Record<string, number> = {}
    for (const byName of byThreadName.slice(0, serverPids.length))
      for (const [name, share] of byName) threadCpu[name] = (threadCpu[name] ?? 0) + share
    const workerCpu = perProcess.slice(serverPids.length)
    const results = (await Promise.all(workers.map((w) => w.next('result')))).map(
      (m) => (m as Extract<FromWorker, { type: 'result' }>).result,
    )
    const rssEnd = serverRss()
    return summarize(target, options, results, {
      serverCpu,
      mainThreadCpu,
      threadCpu,
      loadGenCpu: workerCpu.reduce((a, b) => a + b, 0),
      otherCpu: others,
      rssPeakWindowBytes: Math.max(rssPeakWindowBytes, rssEnd),
      rssHwmBytes: serverPids.reduce((a, pid) => a + memory(pid).peak, 0),
      rssEndBytes: rssEnd,
      connectSeconds,
    })
  } finally {
    for (const w of workers) if (w.child.exitCode === null) w.child.kill('SIGKILL')
    await server.stop()
  }
}

type Measured = { threadCpu: Record<string, number> } & Pick<
  LoadResult,
  | 'serverCpu'
  | 'mainThreadCpu'
  | 'loadGenCpu'
  | 'otherCpu'
  | 'rssPeakWindowBytes'
  | 'rssHwmBytes'
  | 'rssEndBytes'
  | 'connectSeconds'
>

function summarize(
  target: Target,
  options: BenchOptions,
  results: WorkerResult[],
  measured: Measured,
): LoadResult {
  const all = Float64Array.from(results.flatMap((r) => r.latencies)).sort()
  const sum = (f: (r: WorkerResult) => number) => results.reduce((a, r) => a + f(r), 0)
  const expected = sum((r) => r.expected)
  const delivered = sum((r) => r.delivered)
  const deliveredPerSecond = delivered / options.durationSeconds
  return {
    target: target.name,
    description: target.description,
    sessions: options.sessions,
    clients: options.clientsPerSession,
    p50Ms: percentile(all, 50),
    p99Ms: percentile(all, 99),
    p999Ms: percentile(all, 99.9),
    maxMs: all.at(-1) ?? Number.NaN,
    meanMs: all.reduce((a, b) => a + b, 0) / Math.max(1, all.length),
    deliveredPerSecond,
    serverCpuPerDeliveryUs:
      deliveredPerSecond > 0 ? (measured.serverCpu / deliveredPerSecond) * 1e6 : Number.NaN,
    mainThreadCpuPerDeliveryUs:
      deliveredPerSecond > 0 ? (measured.mainThreadCpu / deliveredPerSecond) * 1e6 : Number.NaN,
    threadCpuPerDeliveryUs: Object.fromEntries(
      Object.entries(measured.threadCpu).map(([name, share]) => [
        name,
        deliveredPerSecond > 0 ? (share / deliveredPerSecond) * 1e6 : Number.NaN,
      ]),
    ),
    sent: sum((r) => r.sent),
    expected,
    delivered,
    lossPercent: expected > 0 ? (100 * (expected - delivered)) / expected : 0,
    meanUpdateBytes: sum((r) => r.meanUpdateBytes) / Math.max(1, results.length),
    disconnects: sum((r) => r.disconnects),
    ...measured,
  }
}
