import { type Phase, PHASE_LIMITS } from '@mockboard/shared'

/** One row of the plan editor; minutes stay text while typed so "" and "1" are both reachable. */
export interface PlanRow {
  key: string
  name: string
  minutes: string
}

export interface PlanCheck {
  /** The plan to send, or null while any row is invalid. */
  phases: Phase[] | null
  /** Per row key: what is wrong with it. */
  rowErrors: Record<string, string>
  /** Whole-plan problem (too few / too many phases). */
  planError: string | null
  /** Sum of the valid rows' minutes. */
  totalMinutes: number
}

const nextKey = () => crypto.randomUUID()

export function rowsFromPhases(phases: readonly Phase[], makeKey: () => string = nextKey): PlanRow[] {
  return phases.map((p) => ({ key: makeKey(), name: p.name, minutes: String(p.minutes) }))
}

/** Appends a phase (10 min, or what is left of an hour); no-op at the phase limit. */
export function addRow(rows: readonly PlanRow[], makeKey: () => string = nextKey): PlanRow[] {
  if (rows.length >= PHASE_LIMITS.maxPhases) return [...rows]
  return [...rows, { key: makeKey(), name: `Phase ${rows.length + 1}`, minutes: '10' }]
}

/** Removes a phase, never the last one. */
export function removeRow(rows: readonly PlanRow[], key: string): PlanRow[] {
  if (rows.length <= PHASE_LIMITS.minPhases) return [...rows]
  return rows.filter((r) => r.key !== key)
}

export function updateRow(
  rows: readonly PlanRow[],
  key: string,
  patch: Partial<Omit<PlanRow, 'key'>>,
): PlanRow[] {
  return rows.map((r) => (r.key === key ? { ...r, ...patch } : r))
}

/** Moves a phase one step up (-1) or down (+1); no-op at either end. */
export function moveRow(rows: readonly PlanRow[], key: string, delta: -1 | 1): PlanRow[] {
  const from = rows.findIndex((r) => r.key === key)
  const to = from + delta
  if (from < 0 || to < 0 || to >= rows.length) return [...rows]
  const next = [...rows]
  const [row] = next.splice(from, 1)
  next.splice(to, 0, row as PlanRow)
  return next
}

/** Validates against the same limits the server's schema enforces, with messages for each row. */
export function checkPlan(rows: readonly PlanRow[]): PlanCheck {
  const rowErrors: Record<string, string> = {}
  const phases: Phase[] = []
  let totalMinutes = 0
  for (const row of rows) {
    const name = row.name.trim()
    const text = row.minutes.trim()
    const minutes = /^\d+$/.test(text) ? Number(text) : NaN
    if (!name) rowErrors[row.key] = 'Give the phase a name'
    else if (name.length > PHASE_LIMITS.maxNameLength)
      rowErrors[row.key] = `Name is longer than ${PHASE_LIMITS.maxNameLength} characters`
    else if (
      !Number.isInteger(minutes) ||
      minutes < PHASE_LIMITS.minMinutes ||
      minutes > PHASE_LIMITS.maxMinutes
    )
      rowErrors[row.key] =
        `Minutes must be a whole number from ${PHASE_LIMITS.minMinutes} to ${PHASE_LIMITS.maxMinutes}`
    if (Number.isInteger(minutes) && minutes > 0) totalMinutes += minutes
    if (!rowErrors[row.key]) phases.push({ name, minutes })
  }
  let planError: string | null = null
  if (rows.length < PHASE_LIMITS.minPhases) planError = 'Add at least one phase'
  else if (rows.length > PHASE_LIMITS.maxPhases) planError = `At most ${PHASE_LIMITS.maxPhases} phases`
  const valid = planError === null && Object.keys(rowErrors).length === 0
  return { phases: valid ? phases : null, rowErrors, planError, totalMinutes }
}

/** "1 h 5 min", "45 min". */
export function formatMinutes(total: number): string {
  const h = Math.floor(total / 60)
  const m = total % 60
  if (h === 0) return `${m} min`
  return m === 0 ? `${h} h` : `${h} h ${m} min`
}
