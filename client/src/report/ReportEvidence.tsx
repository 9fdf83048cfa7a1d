import { type Evidence, type EvidenceKind, formatSessionTime } from '@mockboard/shared'

import { MomentLink } from './MomentLink'

const KIND_LABELS: Record<EvidenceKind, string> = { bookmark: 'Bookmark', finding: 'Finding', phase: 'Phase' }

/** The moments a score cites, each opening the replay at its instant. */
export function ReportEvidence({
  sessionId,
  startedAt,
  evidence,
}: {
  sessionId: string
  startedAt: number | null
  evidence: readonly Evidence[]
}) {
  if (evidence.length === 0) return null
  return (
    <ul className="rr-evidence" aria-label="Evidence">
      {evidence.map((e) => (
        <li key={`${e.kind}:${e.at}`}>
          <MomentLink className="rr-evidence-at" sessionId={sessionId} at={e.at} startedAt={startedAt}>
            {formatSessionTime(e.at, startedAt)}
          </MomentLink>
          <span className="rr-evidence-kind">{KIND_LABELS[e.kind]}</span>
          <span>{e.label || KIND_LABELS[e.kind]}</span>
        </li>
      ))}
    </ul>
  )
}
