import { THREAD_NAMES } from '../../server/src/threadNames.js'
import type { ColdJoinResult } from './coldJoin.js'
import type { IdleMemoryResult } from './idleMemory.js'
import type { LoadResult } from './runLoad.js'
import { median } from './stats.js'

const ms = (v: number) => (Number.isFinite(v) ? v.toFixed(2) : '–')
const mb = (v: number) => (v / 1024 / 1024).toFixed(0)
const pct = (v: number) => `${(v * 100).toFixed(0)}%`
const ratio = (a: number, b: number) => (b > 0 && Number.isFinite(a) ? `${(a / b).toFixed(2)}×` : '–')

const HEAD = [
  'server',
  'p50 ms',
  'p99 ms',
  'p99.9 ms',
  'max ms',
  'delivered/s',
  'lost',
  'server CPU',
  'CPU µs/delivery',
  'main thread µs',
  'log threads µs',
  'RSS peak MB',
  'RSS end MB',
  'load-gen CPU',
  'other CPU',
]

/** Our log writer's and checkpointer's threads (see server/src/threadNames.ts): 0 for the others. */
const logThreadsPerDelivery = (r: LoadResult) =>
  (r.threadCpuPerDeliveryUs[THREAD_NAMES.logWriter] ?? 0) +
  (r.threadCpuPerDeliveryUs[THREAD_NAMES.checkpointer] ?? 0)

const label = (r: LoadResult) => (r.round === undefined ? r.target : `${r.target} #${r.round + 1}`)

function row(r: LoadResult): string[] {
  return [
    label(r),
    ms(r.p50Ms),
    ms(r.p99Ms),
    ms(r.p999Ms),
    ms(r.maxMs),
    r.deliveredPerSecond.toFixed(0),
    `${r.lossPercent.toFixed(2)}%`,
    pct(r.serverCpu),
    r.serverCpuPerDeliveryUs.toFixed(1),
    r.mainThreadCpuPerDeliveryUs.toFixed(1),
    logThreadsPerDelivery(r).toFixed(1),
    mb(r.rssPeakWindowBytes),
    mb(r.rssEndBytes),
    pct(r.loadGenCpu),
    pct(r.otherCpu),
  ]
}

/** Ours against each reference, round by round: < 1 means we are cheaper / faster. */
export function ratios(results: LoadResult[]): Array<{
  reference: string
  p50: string
  p99: string
  cpu: string
  cpuPerDelivery: string
  rssPeak: string
}> {
  return byRound(results).flatMap((round) => {
    const ours = round.find((r) => r.target === 'mockboard')
    if (!ours) return []
    const row = (a: LoadResult, b: LoadResult, reference: string) => ({
      reference,
      p50: ratio(a.p50Ms, b.p50Ms),
      p99: ratio(a.p99Ms, b.p99Ms),
      cpu: ratio(a.serverCpu, b.serverCpu),
      cpuPerDelivery: ratio(a.serverCpuPerDeliveryUs, b.serverCpuPerDeliveryUs),
      rssPeak: ratio(a.rssPeakWindowBytes, b.rssPeakWindowBytes),
    })
    // The two-instance topology is ours too: it is compared with one instance, the other way round.
    const two = round.find((r) => r.target === 'mockboard-two-instances')
    return [
      ...round.filter((r) => r !== ours && r !== two).map((ref) => row(ours, ref, label(ref))),
      ...(two
        ? [row(two, ours, `two instances ÷ one${ours.round === undefined ? '' : ` #${ours.round + 1}`}`)]
        : []),
    ]
  })
}

function byRound(results: LoadResult[]): LoadResult[][] {
  const rounds = new Map<number, LoadResult[]>()
  for (const r of results) {
    const list = rounds.get(r.round ?? 0)
    if (list) list.push(r)
    else rounds.set(r.round ?? 0, [r])
  }
  return [...rounds.values()]
}

/** The bench's one median (nearest rank), of the rounds that measured something. */
const finiteMedian = (values: number[]): number => median(values.filter(Number.isFinite))

/** With several rounds: each ratio of ours to a reference, as the median of the rounds' ratios. */
export function medianRatios(results: LoadResult[]): Array<{
  reference: string
  rounds: number
  p50: number
  p99: number
  cpuPerDelivery: number
  mainThreadPerDelivery: number
}> {
  const rounds = byRound(results)
  if (rounds.length < 2) return []
  const pairs = new Map<string, Array<[LoadResult, LoadResult]>>()
  for (const round of rounds) {
    const ours = round.find((r) => r.target === 'mockboard')
    if (!ours) continue
    for (const ref of round) {
      if (ref === ours || ref.target === 'mockboard-two-instances') continue
      const list = pairs.get(ref.target) ?? []
      list.push([ours, ref])
      pairs.set(ref.target, list)
    }
  }
  return [...pairs].map(([reference, list]) => {
    const of = (f: (r: LoadResult) => number) => finiteMedian(list.map(([a, b]) => f(a) / f(b)))
    return {
      reference,
      rounds: list.length,
      p50: of((r) => r.p50Ms),
      p99: of((r) => r.p99Ms),
      cpuPerDelivery: of((r) => r.serverCpuPerDeliveryUs),
      mainThreadPerDelivery: of((r) => r.mainThreadCpuPerDeliveryUs),
    }
  })
}

function textTable(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)))
  return rows
    .map((r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  '))
    .join('\n')
}

function markdownTable(rows: string[][]): string {
  const line = (r: string[]) => `| ${r.join(' | ')} |`
  return [
    line(rows[0]!),
    line(rows[0]!.map((_, i) => (i === 0 ? '---' : '---:'))),
    ...rows.slice(1).map(line),
  ].join('\n')
}

function tables(results: LoadResult[], cold: ColdJoinResult | null, idle: IdleMemoryResult[]): string[][][] {
  const out: string[][][] = [[HEAD, ...results.map(row)]]
  const r = ratios(results)
  if (r.length > 0)
    out.push([
      ['mockboard / reference', 'p50', 'p99', 'server CPU', 'CPU per delivery', 'RSS peak'],
      ...r.map((x) => [x.reference, x.p50, x.p99, x.cpu, x.cpuPerDelivery, x.rssPeak]),
    ])
  const medians = medianRatios(results)
  if (medians.length > 0)
    out.push([
      ['median of rounds', 'rounds', 'p50', 'p99', 'CPU per delivery', 'main thread per delivery'],
      ...medians.map((m) => [
        m.reference,
        String(m.rounds),
        `${m.p50.toFixed(2)}×`,
        `${m.p99.toFixed(2)}×`,
        `${m.cpuPerDelivery.toFixed(2)}×`,
        `${m.mainThreadPerDelivery.toFixed(2)}×`,
      ]),
    ])
  if (idle.length > 0)
    out.push([
      [
        'idle memory',
        'sessions',
        'clients each',
        'RSS before MB',
        'RSS after MB',
        'KB per session',
        'idle CPU',
      ],
      ...idle.map((m) => [
        m.target,
        String(m.sessions),
        String(m.clients),
        mb(m.rssBeforeBytes),
        mb(m.rssAfterBytes),
        (m.bytesPerSession / 1024).toFixed(1),
        `${(m.idleCpu * 100).toFixed(1)}%`,
      ]),
    ])
  if (cold)
    out.push([
      ['cold join', 'stored updates', 'state bytes', 'median ms', 'min ms', 'max ms', 'runs'],
      [
        'mockboard',
        String(cold.storedUpdates),
        String(cold.stateBytes),
        ms(cold.medianMs),
        ms(Math.min(...cold.runsMs)),
        ms(Math.max(...cold.runsMs)),
        cold.runsMs.map((v) => v.toFixed(1)).join(' / '),
      ],
    ])
  return out
}

export function formatText(
  results: LoadResult[],
  cold: ColdJoinResult | null,
  idle: IdleMemoryResult[] = [],
): string {
  return tables(results, cold, idle).map(textTable).join('\n\n')
}

export function formatMarkdown(
  results: LoadResult[],
  cold: ColdJoinResult | null,
  idle: IdleMemoryResult[] = [],
): string {
  return tables(results, cold, idle).map(markdownTable).join('\n\n')
}
