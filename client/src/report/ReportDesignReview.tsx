import { formatEstimate, formatSessionTime, type SessionReport } from '@mockboard/shared'

import { MomentLink } from './MomentLink'

/** "Design review": findings open at the end, those resolved and when (each a link into the replay), the estimates. */
export function ReportDesignReview({ report }: { report: SessionReport }) {
  const review = report.designReview
  if (!review) return null
  const at = (t: number) => (
    <MomentLink sessionId={report.id} at={t} startedAt={report.startedAt}>
      {formatSessionTime(t, report.startedAt)}
    </MomentLink>
  )
  const open = review.findings.filter((s) => s.resolvedAt === null)
  const resolved = review.findings.filter((s) => s.resolvedAt !== null)
  return (
    <section className="rr-section" data-testid="report-design-review">
      <h2>Design review</h2>
      <h3>Open at the end ({open.length})</h3>
      {open.length === 0 ? (
        <p className="rr-muted">None.</p>
      ) : (
        <ul className="rr-findings">
          {open.map((s) => (
            <li
              key={`${s.finding.rule}:${s.finding.shapeIds.join()}:${s.raisedAt}`}
              data-rule={s.finding.rule}
            >
              <strong className={`rr-sev rr-sev--${s.finding.severity}`}>{s.finding.severity}</strong>{' '}
              {s.finding.message} <span className="rr-muted">raised {at(s.raisedAt)}</span>
            </li>
          ))}
        </ul>
      )}
      <h3>Resolved ({resolved.length})</h3>
      {resolved.length === 0 ? (
        <p className="rr-muted">None.</p>
      ) : (
        <ul className="rr-findings">
          {resolved.map((s) => (
            <li
              key={`${s.finding.rule}:${s.finding.shapeIds.join()}:${s.raisedAt}`}
              data-rule={s.finding.rule}
            >
              {s.finding.message}{' '}
              <span className="rr-muted">
                raised {at(s.raisedAt)}, resolved {at(s.resolvedAt!)}
              </span>
            </li>
          ))}
        </ul>
      )}
      <h3>Capacity estimates</h3>
      <table className="rr-table" data-testid="report-estimates">
        <tbody>
          {review.estimates.lines.map((l) => (
            <tr key={l.id}>
              <td>{l.label}</td>
              <td className="rr-num">{formatEstimate(l)}</td>
              <td className="rr-muted">{l.formula}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}
