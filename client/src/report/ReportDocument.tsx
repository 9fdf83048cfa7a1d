import type { SessionReport } from '@mockboard/shared'

import { MomentLink } from './MomentLink'
import { NotesText } from './NotesText'
import { ReportDesignReview } from './ReportDesignReview'
import { clockTime, dateTime, minutesOf } from './reportFormat'
import { ReportInterviewer } from './ReportInterviewer'
import { ReportInventory } from './ReportInventory'
import { ReportTalk } from './ReportTalk'
import type { Diagram } from './useFinalDiagram'

/** The report itself, laid out for the screen and for A4/Letter paper alike. */
export function ReportDocument({ report, diagram }: { report: SessionReport; diagram: Diagram }) {
  const plannedTotal = report.phases.reduce((n, p) => n + p.plannedMinutes, 0)
  const actualTotal = report.phases.reduce((n, p) => n + p.activeMs, 0)
  return (
    <article className="rr-doc">
      <header className="rr-head">
        <p className="rr-kicker">Mockboard · System design interview report</p>
        <h1>{report.title}</h1>
        <dl className="rr-meta">
          <div>
            <dt>Date</dt>
            <dd>{dateTime(report.startedAt ?? report.createdAt)}</dd>
          </div>
          <div>
            <dt>Duration</dt>
            <dd>
              {minutesOf(actualTotal)} of {plannedTotal} min planned
            </dd>
          </div>
          <div>
            <dt>Session</dt>
            <dd className="rr-mono">{report.id}</dd>
          </div>
        </dl>
      </header>

      {report.problem.trim() && (
        <section className="rr-section">
          <h2>Problem</h2>
          <p className="rr-problem">{report.problem.trim()}</p>
        </section>
      )}

      <section className="rr-section rr-keep">
        <h2>Phases: planned vs actual</h2>
        <table className="rr-table">
          <thead>
            <tr>
              <th>Phase</th>
              <th className="rr-num">Planned</th>
              <th className="rr-num">Actual</th>
              <th>From</th>
              <th>To</th>
              <th className="rr-bar-col" aria-hidden />
            </tr>
          </thead>
          <tbody>
            {report.phases.map((p) => {
              const planned = p.plannedMinutes * 60_000
              const ratio = planned > 0 ? p.activeMs / planned : 0
              return (
                <tr key={p.index}>
                  <td>
                    <MomentLink sessionId={report.id} at={p.start} startedAt={report.startedAt}>
                      {p.name}
                    </MomentLink>
                  </td>
                  <td className="rr-num">{p.plannedMinutes} min</td>
                  <td className={`rr-num${ratio > 1.1 ? ' rr-over' : ''}`}>
                    {p.start === null ? <span className="rr-muted">not reached</span> : minutesOf(p.activeMs)}
                  </td>
                  <td>{clockTime(p.start)}</td>
                  <td>{clockTime(p.end)}</td>
                  <td className="rr-bar-col" aria-hidden>
                    <span className="rr-bar">
                      <span
                        className={ratio > 1 ? 'rr-bar-over' : ''}
                        style={{ width: `${Math.min(1, ratio) * 100}%` }}
                      />
                    </span>
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
      </section>

      <section className="rr-section rr-keep">
        <h2>Final diagram</h2>
        <figure className="rr-diagram">
          {diagram.status === 'ready' && (
            <img src={diagram.url} alt="The board at the end of the session" data-testid="report-diagram" />
          )}
          {diagram.status === 'loading' && <p className="rr-muted">Rendering the diagram…</p>}
          {diagram.status === 'empty' && <p className="rr-muted">The board was empty.</p>}
          {diagram.status === 'error' && (
            <p className="rr-muted">The diagram could not be rendered: {diagram.message}</p>
          )}
        </figure>
      </section>

      <ReportInventory inventory={report.inventory} />

      <section className="rr-section">
        <h2>Notes</h2>
        <NotesText text={report.notes} empty="No notes." />
      </section>

      {report.interviewer && <ReportInterviewer report={report} interviewer={report.interviewer} />}
      <ReportDesignReview report={report} />
      <ReportTalk report={report} />
    </article>
  )
}
