import { RULES, type WorkspaceSession } from '@mockboard/shared'

interface Props {
  sessions: readonly WorkspaceSession[]
  findings: { rule: string; sessions: number }[]
}

/** The design review's findings on each ended session's final board, counted across the candidate's sessions. */
export function RecurringFindings({ sessions, findings }: Props) {
  const reviewed = sessions.filter((s) => s.summary?.findings !== undefined).length
  return (
    <section className="mb-lobby__card" aria-label="Design-review findings" data-testid="recurring-findings">
      <h2>Design-review findings that recur</h2>
      {reviewed === 0 ? (
        <p className="mb-dim">Shown once a session has ended (the review reads its final diagram).</p>
      ) : findings.length === 0 ? (
        <p className="mb-dim">
          No findings on the final diagram of {reviewed} ended session{reviewed === 1 ? '' : 's'}.
        </p>
      ) : (
        <ul className="mb-ws__findings">
          {findings.map((f) => {
            const rule = RULES.find((r) => r.id === f.rule)
            return (
              <li key={f.rule} className={f.sessions > 1 ? 'is-recurring' : undefined}>
                <strong>{rule?.title ?? f.rule}</strong>
                <span className="mb-dim">
                  in {f.sessions} of {reviewed} session{reviewed === 1 ? '' : 's'}
                </span>
                {rule && <p className="mb-dim">{rule.why}</p>}
              </li>
            )
          })}
        </ul>
      )}
    </section>
  )
}
