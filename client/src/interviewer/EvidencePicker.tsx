import { type Evidence, evidenceKey, type Finding, MAX_EVIDENCE_PER_SCORE } from '@mockboard/shared'
import { X } from 'lucide-react'

import { findingEvidence, momentLabel } from './evidenceMoments.js'

export interface EvidenceSource {
  /** Bookmarks and phase starts, oldest first. */
  moments: readonly Evidence[]
  /** Findings open on the board now. */
  findings: readonly Finding[]
  startedAt: number | null
  /** Server time now, or null before the clock syncs (findings can't be cited then). */
  now(): number | null
}

interface Props {
  areaLabel: string
  evidence: readonly Evidence[]
  source: EvidenceSource
  readOnly: boolean
  onChange(evidence: Evidence[]): void
}

/** The moments a score cites: chips to remove, a menu of bookmarks, phase starts and open findings to add. */
export function EvidencePicker({ areaLabel, evidence, source, readOnly, onChange }: Props) {
  const cited = new Set(evidence.map(evidenceKey))
  const moments = source.moments.filter((m) => !cited.has(evidenceKey(m)))
  const full = evidence.length >= MAX_EVIDENCE_PER_SCORE
  // Option values are `m:<index>` (a moment) or `f:<index>` (an open finding, stamped now).
  const chosenBy = (value: string): Evidence | undefined => {
    const index = Number(value.slice(2))
    if (value.startsWith('m:')) return moments[index]
    const finding = source.findings[index]
    const now = source.now()
    return value.startsWith('f:') && finding && now !== null ? findingEvidence(finding, now) : undefined
  }
  const pick = (value: string) => {
    const chosen = chosenBy(value)
    if (chosen) onChange([...evidence, chosen])
  }
  return (
    <div className="mb-iv__evidence">
      {evidence.length > 0 && (
        <ul className="mb-iv__evidence-list" aria-label={`${areaLabel} evidence`}>
          {evidence.map((e) => (
            <li key={evidenceKey(e)} className="mb-iv__evidence-chip">
              <span>{momentLabel(e, source.startedAt)}</span>
              {!readOnly && (
                <button
                  type="button"
                  aria-label={`Remove evidence ${e.label}`}
                  onClick={() => onChange(evidence.filter((x) => evidenceKey(x) !== evidenceKey(e)))}
                >
                  <X size={11} />
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {!readOnly && !full && (moments.length > 0 || source.findings.length > 0) && (
        <select
          className="mb-input mb-iv__evidence-add"
          aria-label={`${areaLabel}: cite a moment`}
          value=""
          onChange={(e) => pick(e.currentTarget.value)}
        >
          <option value="">Cite a moment…</option>
          {moments.length > 0 && (
            <optgroup label="Bookmarks and phases">
              {moments.map((m, i) => (
                <option key={evidenceKey(m)} value={`m:${i}`}>
                  {momentLabel(m, source.startedAt)}
                </option>
              ))}
            </optgroup>
          )}
          {source.findings.length > 0 && (
            <optgroup label="Findings open now">
              {source.findings.map((f, i) => (
                <option key={`${f.rule}:${f.shapeIds.join(',')}`} value={`f:${i}`}>
                  {f.message}
                </option>
              ))}
            </optgroup>
          )}
        </select>
      )}
    </div>
  )
}
