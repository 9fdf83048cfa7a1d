import { isFiniteNumber, isObject, stringOr } from './docs/plain.js'

/** What a rubric score can cite: a moment picked from the session. */
export const EVIDENCE_KINDS = ['bookmark', 'finding', 'phase'] as const
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number]

/** One moment backing a score; the report links it to the replay at `at`. */
export interface Evidence {
  kind: EvidenceKind
  /** Server time, epoch ms. */
  at: number
  /** What it reads as in the form and the report ("SPOF on Primary DB", "Deep dive starts"). */
  label: string
}

/** Enough to back a score; more would bury the report's table. */
export const MAX_EVIDENCE_PER_SCORE = 12
/** A label is a line, not an essay: longer ones are cut. */
export const MAX_EVIDENCE_LABEL = 200

const isKind = (v: unknown): v is EvidenceKind =>
  typeof v === 'string' && (EVIDENCE_KINDS as readonly string[]).includes(v)

function readOne(value: unknown): Evidence | null {
  if (!isObject(value) || !isKind(value.kind) || !isFiniteNumber(value.at) || value.at < 0) return null
  return { kind: value.kind, at: value.at, label: stringOr(value.label, '').slice(0, MAX_EVIDENCE_LABEL) }
}

/**
 * The evidence list as stored by any client: junk entries dropped, one entry per kind+instant,
 * oldest first, at most MAX_EVIDENCE_PER_SCORE.
 */
export function readEvidence(value: unknown): Evidence[] {
  if (!Array.isArray(value)) return []
  const seen = new Set<string>()
  const out: Evidence[] = []
  for (const e of value.map(readOne)) {
    if (!e || seen.has(evidenceKey(e))) continue
    seen.add(evidenceKey(e))
    out.push(e)
  }
  return out.sort((a, b) => a.at - b.at).slice(0, MAX_EVIDENCE_PER_SCORE)
}

/** Identifies a cited moment: the same kind at the same instant is the same evidence. */
export function evidenceKey(e: Pick<Evidence, 'kind' | 'at'>): string {
  return `${e.kind}:${e.at}`
}
