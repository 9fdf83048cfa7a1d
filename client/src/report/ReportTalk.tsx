import type { SessionReport } from '@mockboard/shared'

import { formatDate } from '../ui/dates'

const clock = (at: number | null) => (at === null ? '—' : formatDate(at, 'seconds'))
const seconds = (ms: number) => `${Math.round(ms / 1000)} s`

/**
 * "Talk time": who agreed to be recorded and when, then each phase's share of talk per
 * participant (from the loudness recorded with the audio): a communication signal, as a bar each.
 */
export function ReportTalk({ report }: { report: SessionReport }) {
  const talk = report.talk
  if (!talk) return null
  const phases = talk.phases.filter((p) => p.talkMs > 0)
  return (
    <section className="rr-section" data-testid="report-talk">
      <h2>Talk time</h2>
      <h3>Recording consent</h3>
      <table className="rr-table">
        <thead>
          <tr>
            <th>Participant</th>
            <th>Role</th>
            <th>Agreed</th>
            <th>Stopped</th>
          </tr>
        </thead>
        <tbody>
          {talk.consent.map((c) => (
            <tr key={`${c.participant}:${c.consentedAt}`} data-participant={c.participant}>
              <td>{c.participant}</td>
              <td>{c.role}</td>
              <td>{clock(c.consentedAt)}</td>
              <td>{clock(c.stoppedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>Share of talk per phase</h3>
      {phases.length === 0 && <p className="rr-muted">No talk was recorded.</p>}
      {phases.map((p) => (
        <div key={p.index} className="rr-talk-phase" data-phase={p.name}>
          <h4>{p.name}</h4>
          {p.people
            .filter((x) => x.talkMs > 0)
            .map((x) => (
              <div
                key={`${x.role}:${x.participant}`}
                className={`rr-talk-row rr-talk-row--${x.role}`}
                data-participant={x.participant}
                data-share={x.share.toFixed(3)}
              >
                <span className="rr-talk-who">{x.participant}</span>
                <span className="rr-talk-bar" aria-hidden>
                  <span style={{ width: `${(x.share * 100).toFixed(1)}%` }} />
                </span>
                <span className="rr-talk-share">
                  {Math.round(x.share * 100)}% <span className="rr-muted">({seconds(x.talkMs)})</span>
                </span>
              </div>
            ))}
        </div>
      ))}
    </section>
  )
}
