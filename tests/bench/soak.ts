/**
 * `npm run soak`: our server under steady load for a long time (default 30 minutes at 500 sessions
 * × 2 clients × 2 updates/s), sampling its RSS and open file descriptors. A leak shows as a slope:
 * the bar is under 1 MB/min of RSS after warm-up and no growth in descriptors. Writes
 * tests/artifacts/soak.json. Flags as `npm run bench` (--sessions, --rate, --workers, --pin), plus
 * --minutes=30 and --warmup-minutes=5.
 *
 * Each client moves one shape in a Y.Map (`--layout=map --shapes=1` unless given): Yjs then merges
 * the replaced entries, so the documents stop growing and what grows is the server's. The board's
 * own layout (a YKeyValue array) and more shapes per client keep every replaced entry in the
 * document as a deleted item (~250 B each, which any Yjs server holding the document holds too).
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'

import { loadInit, post, startLoad, type Worker } from './loadWorkers.js'
import { parseOptions } from './options.js'
import { planPinning } from './pinning.js'
import { memory } from './procStats.js'
import { ROOT, TARGETS } from './targets.js'
import type { FromWorker } from './workerProtocol.js'

const SAMPLE_MS = 10_000
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const fds = (pid: number) => readdirSync(`/proc/${pid}/fd`).length
const METRICS_TOKEN = 'soak-metrics-token'

/**
 * From the server's own /metrics (MB): the V8 heap in use (what JavaScript holds, garbage
 * included) and external memory (buffers and other memory V8 objects hold outside the heap).
 */
async function heapMb(baseUrl: string): Promise<{ heapMb: number; externalMb: number }> {
  const res = await fetch(`${baseUrl}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })
  const text = await res.text()
  const read = (name: string) => {
    const match = new RegExp(`^mockboard_nodejs_${name} (\\S+)$`, 'm').exec(text)
    return match ? Number(match[1]) / 1024 / 1024 : Number.NaN
  }
  return { heapMb: read('heap_size_used_bytes'), externalMb: read('external_memory_bytes') }
}

/**
 * The lowest value of each whole minute: what the process holds after its collections. V8 lets the
 * heap swing by ~70 MB between them under this load, so single samples fit a slope badly.
 */
function minuteFloors(samples: Array<{ minute: number; value: number }>): Array<[number, number]> {
  const floors = new Map<number, number>()
  for (const { minute, value } of samples) {
    const m = Math.floor(minute)
    floors.set(m, Math.min(floors.get(m) ?? Infinity, value))
  }
  return [...floors].map(([m, value]) => [m + 0.5, value])
}

/** Least-squares slope of y over x. */
function slope(points: Array<[number, number]>): number {
  const n = points.length
  if (n < 2) return Number.NaN
  const mx = points.reduce((a, [x]) => a + x, 0) / n
  const my = points.reduce((a, [, y]) => a + y, 0) / n
  const num = points.reduce((a, [x, y]) => a + (x - mx) * (y - my), 0)
  const den = points.reduce((a, [x]) => a + (x - mx) ** 2, 0)
  return num / den
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2)
  const own = new Map(argv.map((a) => a.split('=') as [string, string]))
  const minutes = Number(own.get('--minutes') ?? 30)
  const warmupMinutes = Number(own.get('--warmup-minutes') ?? 5)
  const options = parseOptions(
    argv.filter((a) => !a.startsWith('--minutes') && !a.startsWith('--warmup-minutes')),
    { BENCH_SHAPES: '1', BENCH_LAYOUT: 'map', ...process.env },
  )
  const pinning = planPinning(options.pin)
  const target = TARGETS.mockboard
  const server = await target.start({
    cores: pinning?.server,
    env: { MOCKBOARD_METRICS_TOKEN: METRICS_TOKEN },
  })
  const pid = server.children[0]!.pid
  const workers: Worker[] = []
  const samples: Array<{ minute: number; rssMb: number; heapMb: number; externalMb: number; fds: number }> =
    []
  try {
    const specs = await target.prepare(server, options.sessions, options.clientsPerSession)
    startLoad(workers, options.workers, loadInit(target, server, options), specs, pinning)
    await Promise.all(workers.map((w) => w.next('ready')))
    const durationMs = minutes * 60_000
    console.log(
      `soak: ${options.sessions} × ${options.clientsPerSession} × ${options.rate}/s for ${minutes} min, ${options.shapes} shape(s) per client (${options.layout})`,
    )
    for (const w of workers) post(w, { type: 'go', warmupMs: 0, durationMs, drainMs: 3000 })
    const start = performance.now()
    while (performance.now() - start < durationMs) {
      await sleep(SAMPLE_MS)
      const minute = (performance.now() - start) / 60_000
      const sample = {
        minute,
        rssMb: memory(pid).rss / 1024 / 1024,
        ...(await heapMb(server.baseUrl)),
        fds: fds(pid),
      }
      samples.push(sample)
      console.log(
        `  ${minute.toFixed(1)} min  RSS ${sample.rssMb.toFixed(0)} MB  heap ${sample.heapMb.toFixed(0)} MB  external ${sample.externalMb.toFixed(0)} MB  fds ${sample.fds}`,
      )
    }
    const results = (await Promise.all(workers.map((w) => w.next('result')))).map(
      (m) => (m as Extract<FromWorker, { type: 'result' }>).result,
    )
    const after = samples.filter((s) => s.minute >= warmupMinutes)
    // Whole minutes only: a partial last minute's floor is not comparable.
    const floorSlope = (value: (s: (typeof samples)[number]) => number) =>
      slope(
        minuteFloors(after.map((s) => ({ minute: s.minute, value: value(s) }))).filter(
          ([m]) => m + 0.5 <= Math.floor(minutes),
        ),
      )
    const expected = results.reduce((a, r) => a + r.expected, 0)
    const delivered = results.reduce((a, r) => a + r.delivered, 0)
    const summary = {
      date: new Date().toISOString(),
      options: { ...options, minutes, warmupMinutes },
      pinning,
      rssSlopeMbPerMinute: slope(after.map((s) => [s.minute, s.rssMb])),
      rssFloorSlopeMbPerMinute: floorSlope((s) => s.rssMb),
      heapFloorSlopeMbPerMinute: floorSlope((s) => s.heapMb),
      externalFloorSlopeMbPerMinute: floorSlope((s) => s.externalMb),
      fdSlopePerMinute: slope(after.map((s) => [s.minute, s.fds])),
      rssMbAfterWarmup: after[0]?.rssMb,
      rssMbEnd: samples.at(-1)?.rssMb,
      fdsAfterWarmup: after[0]?.fds,
      fdsEnd: samples.at(-1)?.fds,
      lossPercent: expected > 0 ? (100 * (expected - delivered)) / expected : 0,
      disconnects: results.reduce((a, r) => a + r.disconnects, 0),
      samples,
    }
    console.log(
      `RSS slope after ${warmupMinutes} min: ${summary.rssSlopeMbPerMinute.toFixed(3)} MB/min (every sample), ${summary.rssFloorSlopeMbPerMinute.toFixed(3)} MB/min (each minute's lowest); V8 heap in use ${summary.heapFloorSlopeMbPerMinute.toFixed(3)} MB/min (each minute's lowest); fds ${summary.fdsAfterWarmup} → ${summary.fdsEnd}; lost ${summary.lossPercent.toFixed(3)}%`,
    )
    const out = resolve(ROOT, 'tests/artifacts/soak.json')
    mkdirSync(dirname(out), { recursive: true })
    writeFileSync(out, JSON.stringify(summary, null, 2))
    console.log(`results: ${out}`)
  } finally {
    for (const w of workers) if (w.child.exitCode === null) w.child.kill('SIGKILL')
    await server.stop()
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err)
    process.exit(1)
  },
)
