import type { EstimateInputs } from './estimateInputs.js'

/** Rule of thumb: traffic peaks at about twice the daily average. */
export const PEAK_FACTOR = 2
/** Rule of thumb (80/20): a fifth of the objects serve most reads, so cache a fifth of a day's reads. */
export const CACHE_SHARE = 0.2

const SECONDS_PER_DAY = 86_400
const DAYS_PER_YEAR = 365

/** One computed figure with the arithmetic that produced it, for the card and the report. */
export interface EstimateLine {
  id: 'avgQps' | 'peakQps' | 'peakWriteQps' | 'storagePerYear' | 'storageTotal' | 'bandwidth' | 'cacheSize'
  label: string
  /** In `unit`; null while an input it needs is missing. */
  value: number | null
  unit: 'req/s' | 'writes/s' | 'bytes' | 'bytes/s'
  /** The arithmetic, e.g. "10 M users × 20 req ÷ 86,400 s"; a hint of what is missing when value is null. */
  formula: string
}

export interface Estimates {
  inputs: EstimateInputs
  lines: EstimateLine[]
}

/** A count for a formula: 12 M, 3.5 k, 86,400. */
export function formatCount(n: number): string {
  const abs = Math.abs(n)
  const round = (v: number) =>
    v >= 100 ? Math.round(v).toString() : v.toFixed(v >= 10 ? 1 : 2).replace(/\.?0+$/, '')
  if (abs >= 1e9) return `${round(n / 1e9)} B`
  if (abs >= 1e6) return `${round(n / 1e6)} M`
  if (abs >= 1e4) return `${round(n / 1e3)} k`
  return Number.isInteger(n) ? n.toLocaleString('en-US') : round(n)
}

/** Bytes in the nearest decimal unit: 1.5 TB. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB']
  let v = bytes
  let i = 0
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000
    i++
  }
  return `${v >= 100 ? Math.round(v) : v.toFixed(v >= 10 ? 1 : 2).replace(/\.?0+$/, '')} ${units[i]}`
}

/** A line's value with its unit, as the card and the report print it. */
export function formatEstimate(line: EstimateLine): string {
  if (line.value === null) return '—'
  if (line.unit === 'bytes') return formatBytes(line.value)
  if (line.unit === 'bytes/s') return `${formatBytes(line.value)}/s`
  return `${formatCount(line.value)} ${line.unit}`
}

const missing = (names: string[]) => `needs ${names.join(', ')}`

/**
 * Average and peak QPS, peak writes, storage per year and over the retention, bandwidth and cache
 * size from the card's inputs, each with its arithmetic shown (the seed's "capacity planning").
 */
export function computeEstimates(inputs: EstimateInputs): Estimates {
  const { dailyActiveUsers: dau, requestsPerUserPerDay: rpu, readWriteRatio: ratio } = inputs
  const { objectSizeKb: sizeKb, retentionYears: years } = inputs
  const perDay = dau !== null && rpu !== null ? dau * rpu : null
  const avg = perDay !== null ? perDay / SECONDS_PER_DAY : null
  const peak = avg !== null ? avg * PEAK_FACTOR : null
  const writeShare = ratio !== null ? 1 / (ratio + 1) : null
  const avgWrites = avg !== null && writeShare !== null ? avg * writeShare : null
  const peakWrites = avgWrites !== null ? avgWrites * PEAK_FACTOR : null
  const size = sizeKb !== null ? sizeKb * 1000 : null
  const perYear =
    avgWrites !== null && size !== null ? avgWrites * SECONDS_PER_DAY * DAYS_PER_YEAR * size : null
  const total = perYear !== null && years !== null ? perYear * years : null
  const avgReads = avg !== null && avgWrites !== null ? avg - avgWrites : null
  const bandwidth = avg !== null && size !== null ? avg * size : null
  const readsPerDay = avgReads !== null ? avgReads * SECONDS_PER_DAY : null
  const cache = readsPerDay !== null && size !== null ? readsPerDay * size * CACHE_SHARE : null
  const qpsIn = 'daily active users, requests per user'
  const f = formatCount
  const lines: EstimateLine[] = [
    {
      id: 'avgQps',
      label: 'Average QPS',
      value: avg,
      unit: 'req/s',
      formula: avg !== null ? `${f(dau!)} users × ${f(rpu!)} req ÷ 86,400 s` : missing([qpsIn]),
    },
    {
      id: 'peakQps',
      label: 'Peak QPS',
      value: peak,
      unit: 'req/s',
      formula:
        peak !== null
          ? `${f(avg!)} req/s × ${PEAK_FACTOR} (peak ≈ ${PEAK_FACTOR}× average)`
          : missing([qpsIn]),
    },
    {
      id: 'peakWriteQps',
      label: 'Peak writes',
      value: peakWrites,
      unit: 'writes/s',
      formula:
        peakWrites !== null ? `${f(peak!)} req/s ÷ (${f(ratio!)} + 1)` : missing([qpsIn, 'read:write ratio']),
    },
    {
      id: 'storagePerYear',
      label: 'Storage per year',
      value: perYear,
      unit: 'bytes',
      formula:
        perYear !== null
          ? `${f(avgWrites!)} writes/s × 86,400 s × 365 d × ${f(sizeKb!)} kB`
          : missing([qpsIn, 'read:write ratio', 'object size']),
    },
    {
      id: 'storageTotal',
      label: 'Storage over retention',
      value: total,
      unit: 'bytes',
      formula:
        total !== null
          ? `${formatBytes(perYear!)} × ${f(years!)} years`
          : missing(['storage per year', 'retention']),
    },
    {
      id: 'bandwidth',
      label: 'Bandwidth (average)',
      value: bandwidth,
      unit: 'bytes/s',
      formula: bandwidth !== null ? `${f(avg!)} req/s × ${f(sizeKb!)} kB` : missing([qpsIn, 'object size']),
    },
    {
      id: 'cacheSize',
      label: 'Cache size',
      value: cache,
      unit: 'bytes',
      formula:
        cache !== null
          ? `${f(readsPerDay!)} reads/day × ${f(sizeKb!)} kB × ${CACHE_SHARE} (80/20: cache the hottest fifth)`
          : missing([qpsIn, 'read:write ratio', 'object size']),
    },
  ]
  return { inputs, lines }
}

/** The peak write rate the rules check stores against; null while the card cannot tell. */
export function peakWriteRate(estimates: Estimates): number | null {
  return estimates.lines.find((l) => l.id === 'peakWriteQps')?.value ?? null
}
