import type { ColdJoinResult } from './coldJoin.js'
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
    mb(r.rssPeakWindowBytes),
    mb(r.rssEndBytes),
    pct(r.loadGenCpu),
    pct(r.otherCpu),
  ]
}

/** Ours against each reference: < 1 means we are cheaper / faster. */
export function ratios(
  results: LoadResult[],
): Array<{ reference: string; p50: string; p99: string; cpu: string; rssPeak: string }> {
  const ours = results.find((r) => r.target === 'mockboard')
  if (!ours) return []
  return results
    .filter((r) => r !== ours)
    .map((ref) => ({
      reference: ref.target,
      p50: ratio(ours.p50Ms, ref.p50Ms),
      p99: ratio(ours.p99Ms, ref.p99Ms),
      cpu: ratio(ours.serverCpu, ref.serverCpu),
      rssPeak: ratio(ours.rssPeakWindowBytes, ref.rssPeakWindowBytes),
    }))
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

function tables(
  results: LoadResult[],
  cold: ColdJoinResult | null,
): { load: string[][]; ratio: string[][]; cold: string[][] | null } {
  return {
    load: [HEAD, ...results.map(row)],
    ratio: [
      ['mockboard / reference', 'p50', 'p99', 'server CPU', 'RSS peak'],
      ...ratios(results).map((r) => [r.reference, r.p50, r.p99, r.cpu, r.rssPeak]),
    ],
    cold: cold
      ? [
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
        ]
      : null,
  }
}

export function formatText(results: LoadResult[], cold: ColdJoinResult | null): string {
  const t = tables(results, cold)
  return [textTable(t.load), t.ratio.length > 1 ? textTable(t.ratio) : '', t.cold ? textTable(t.cold) : '']
    .filter(Boolean)
    .join('\n\n')
}

export function formatMarkdown(results: LoadResult[], cold: ColdJoinResult | null): string {
  const t = tables(results, cold)
  return [
    markdownTable(t.load),
    t.ratio.length > 1 ? markdownTable(t.ratio) : '',
    t.cold ? markdownTable(t.cold) : '',
  ]
    .filter(Boolean)
    .join('\n\n')
}
