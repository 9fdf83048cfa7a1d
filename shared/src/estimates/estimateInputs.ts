import { isFiniteNumber, isObject } from '../docs/plain.js'

/** The capacity card's inputs, as typed in the session; null = not given yet. */
export interface EstimateInputs {
  dailyActiveUsers: number | null
  requestsPerUserPerDay: number | null
  /** Reads per write (10 means 10:1). */
  readWriteRatio: number | null
  /** Bytes stored per write, in kB. */
  objectSizeKb: number | null
  retentionYears: number | null
}

export type EstimateField = keyof EstimateInputs

/** Each field's label, unit and upper bound (a typo's extra zeros must not reach the maths as 1e300). */
export const ESTIMATE_FIELDS: readonly { field: EstimateField; label: string; unit: string; max: number }[] =
  [
    { field: 'dailyActiveUsers', label: 'Daily active users', unit: 'users', max: 1e10 },
    { field: 'requestsPerUserPerDay', label: 'Requests per user per day', unit: 'req', max: 1e6 },
    { field: 'readWriteRatio', label: 'Read:write ratio', unit: ': 1', max: 1e6 },
    { field: 'objectSizeKb', label: 'Object size', unit: 'kB', max: 1e7 },
    { field: 'retentionYears', label: 'Retention', unit: 'years', max: 100 },
  ]

export const EMPTY_ESTIMATES: EstimateInputs = {
  dailyActiveUsers: null,
  requestsPerUserPerDay: null,
  readWriteRatio: null,
  objectSizeKb: null,
  retentionYears: null,
}

/** Why `value` is not a valid stored inputs object (server check of client writes), or null. */
export function estimateInputsProblem(value: unknown): string | null {
  if (!isObject(value)) return 'estimates must be an object'
  const known = new Set<string>(ESTIMATE_FIELDS.map((f) => f.field))
  for (const key of Object.keys(value)) if (!known.has(key)) return `estimates.${key} is not a field`
  for (const { field, max } of ESTIMATE_FIELDS) {
    const v = value[field]
    if (v === undefined || v === null) continue
    if (!isFiniteNumber(v) || v < 0 || v > max) return `estimates.${field} must be a number from 0 to ${max}`
  }
  return null
}

/** The inputs a stored value holds; anything invalid reads as not given (the log is append-only). */
export function readEstimateInputs(value: unknown): EstimateInputs {
  const out: EstimateInputs = { ...EMPTY_ESTIMATES }
  if (!isObject(value)) return out
  for (const { field, max } of ESTIMATE_FIELDS) {
    const v = value[field]
    out[field] = isFiniteNumber(v) && v >= 0 && v <= max ? v : null
  }
  return out
}
