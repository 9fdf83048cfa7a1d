import {
  formatSessionTime,
  type Recommendation,
  RECOMMENDATION_LABELS,
  RUBRIC_AREAS,
  SCORE_LABELS,
  type SessionReport,
} from '@mockboard/shared'

import { MomentLink } from './MomentLink'
import { NotesText } from './NotesText'
import { ReportEvidence } from './ReportEvidence'

type Interviewer = NonNullable<SessionReport['interviewer']>

/** Rubric, recommendation, bookmarks and private notes: only present when the server sent them. */
export function ReportInterviewer({
  report,
  interviewer,
}: {
  report: SessionReport
  interviewer: Interviewer
}) {
  const { rubric, recommendation, bookmarks, privateNotes } = interviewer
  return (
    <>
      <section className="rr-section rr-keep">
        <h2>Rubric</h2>
        <table className="rr-table rr-rubric">
          <thead>
            <tr>
              <th>Area</th>
              <th>Score</th>
              <th>Comment</th>
            </tr>
          </thead>
          <tbody>
            {RUBRIC_AREAS.map((area) => {
              const r = rubric[area.id]
              return (
                <tr key={area.id}>
                  <td>{area.label}</td>
                  <td className="rr-score">
                    {r?.score ? (
                      <>
                        <span className={`rr-pips rr-pips--${r.score}`} aria-hidden>
                          {[1, 2, 3, 4].map((n) => (
                            <i key={n} className={n <= (r.score ?? 0) ? 'on' : ''} />
                          ))}
                        </span>
                        {r.score}/4 {SCORE_LABELS[r.score]}
                      </>
                    ) : (
                      <span className="rr-muted">—</span>
                    )}
                  </td>
                  <td>
                    {r?.comment || (!r?.evidence?.length && <span className="rr-muted">—</span>)}
                    <ReportEvidence
                      sessionId={report.id}
                      startedAt={report.startedAt}
                      evidence={r?.evidence ?? []}
                    />
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
        {recommendation && (
          <p className="rr-recommendation">
            Recommendation:{' '}
            <strong>{RECOMMENDATION_LABELS[recommendation as Recommendation] ?? recommendation}</strong>
          </p>
        )}
      </section>
      <section className="rr-section">
        <h2>
          Bookmarks <span className="rr-count">{bookmarks.length}</span>
        </h2>
        {bookmarks.length === 0 ? (
          <p className="rr-muted">No bookmarks.</p>
        ) : (
          <ul className="rr-bookmarks">
            {bookmarks.map((b) => (
              <li key={b.id}>
                <MomentLink
                  className="rr-bookmark-at"
                  sessionId={report.id}
                  at={b.at}
                  startedAt={report.startedAt}
                >
                  {formatSessionTime(b.at, report.startedAt)}
                </MomentLink>
                <span className="rr-bookmark-phase">{report.phases[b.phaseIndex]?.name ?? ''}</span>
                <span>{b.label || 'Bookmark'}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      {privateNotes.trim() && (
        <section className="rr-section">
          <h2>Interviewer notes</h2>
          <NotesText text={privateNotes} empty="" />
        </section>
      )}
    </>
  )
}
