import type { ColdJoinResult } from './coldJoin.js'
import type { IdleMemoryResult } from './idleMemory.js'
import type { LoadResult } from './runLoad.js'

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
  'RSS peak MB',
  'RSS end MB',
  'load-gen CPU',
  'other CPU',
]

function row(r: LoadResult): string[] {
  return [
    r.target,
    ms(r.p50Ms),
    ms(r.p99Ms),
    ms(r.p999Ms),
    ms(r.maxMs),
    r.deliveredPerSecond.toFixed(0),
    `${r.lossPercent.toFixed(2)}%`,
    pct(r.serverCpu),
    r.serverCpuPerDeliveryUs.toFixed(1),
    r.mainThreadCpuPerDeliveryUs.toFixed(1),
    mb(r.rssPeakWindowBytes),
    mb(r.rssEndBytes),
    pct(r.loadGenCpu),
    pct(r.otherCpu),
  ]
}

/** Ours against each reference: < 1 means we are cheaper / faster. */
export function ratios(results: LoadResult[]): Array<{
  reference: string
  p50: string
  p99: string
  cpu: string
  cpuPerDelivery: string
  rssPeak: string
}> {
  const ours = results.find((r) => r.target === 'mockboard')
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
  const two = results.find((r) => r.target === 'mockboard-two-instances')
  return [
    ...results.filter((r) => r !== ours && r !== two).map((ref) => row(ours, ref, ref.target)),
    ...(two ? [row(two, ours, 'two instances ÷ one')] : []),
  ]
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
  if (idle.length > 0)
    out.push([
      ['idle memory', 'sessions', 'clients each', 'RSS before MB', 'RSS after MB', 'KB per session'],
      ...idle.map((m) => [
        m.target,
        String(m.sessions),
        String(m.clients),
        mb(m.rssBeforeBytes),
        mb(m.rssAfterBytes),
        (m.bytesPerSession / 1024).toFixed(1),
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
