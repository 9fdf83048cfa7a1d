import '../lobby/theme.css'
import '../lobby/lobby.css'
import './workspace.css'

import {
  candidateProgress,
  knownSpelling,
  nextPractice,
  RECOMMENDATION_LABELS,
  RECOMMENDATIONS,
  RUBRIC_AREAS,
  SCORE_LABELS,
} from '@mockboard/shared'
import { Lightbulb } from 'lucide-react'
import { useMemo } from 'react'

import { usePrefersDark } from '../lobby/usePrefersDark'
import { CenteredMessage } from '../ui/CenteredMessage'
import { formatDate } from '../ui/dates'
import { LineChart } from './LineChart'
import { RecurringFindings } from './RecurringFindings'
import { minutes, problemLabel } from './sessionColumns'
import { useWorkspace } from './useWorkspace'
import { WorkspaceHeader } from './WorkspaceHeader'

const day = (at: number) => formatDate(at, 'day')
const SHORT_REC = ['Strong no', 'No', 'Lean no', 'Lean yes', 'Yes', 'Strong yes']

/** `/w/<id>/c/<candidate>`: one candidate's progress across the workspace's sessions. */
export function CandidatePage({ workspaceId, candidate }: { workspaceId: string; candidate: string }) {
  const dark = usePrefersDark()
  const { state } = useWorkspace(workspaceId)
  const progress = useMemo(
    () => (state.status === 'ready' ? candidateProgress(state.data.sessions, candidate) : null),
    [state, candidate],
  )
  const hint = useMemo(() => (progress ? nextPractice(progress.sessions) : null), [progress])

  if (state.status === 'loading') return <CenteredMessage busy title="Loading the workspace…" />
  if (state.status !== 'ready' || !progress)
    return (
      <CenteredMessage
        tone="error"
        title="No access to this workspace"
        message={
          state.status === 'refused' ? state.message : 'Open the workspace link first (it ends in #key=…).'
        }
        action={<a href="/">Go to the lobby</a>}
      />
    )
  const longest = Math.max(1, ...progress.phases.flatMap((p) => [p.plannedMs, p.actualMs]))
  // The workspace's spelling of the name ("Ada" for a link typed as /c/ada).
  const name = knownSpelling(candidate, state.data.candidates)

  return (
    <div className={`mb-lobbypage mb-ws${dark ? ' mb-dark' : ''}`} data-testid="candidate-page">
      <WorkspaceHeader workspaceId={workspaceId} crumb={name} />
      <main className="mb-ws__main">
        <section className="mb-lobby__card mb-ws__intro">
          <div>
            <h1 className="mb-ws__title">{name}</h1>
            <p className="mb-dim" data-testid="candidate-count">
              {progress.sessions.length} session{progress.sessions.length === 1 ? '' : 's'}
              {progress.sessions.length > 0 &&
                `, ${day(progress.sessions[0]!.createdAt)} – ${day(progress.sessions.at(-1)!.createdAt)}`}
            </p>
          </div>
          {hint && (
            <div className="mb-ws__hint" data-testid="next-practice">
              <Lightbulb size={16} aria-hidden />
              <div>
                <strong>Next practice:</strong>{' '}
                {hint.problem ? (
                  <>
                    <a href={`/w/${workspaceId}/new`}>{hint.problem.title}</a> drills{' '}
                  </>
                ) : (
                  'every library problem is done; keep drilling '
                )}
                <em>{RUBRIC_AREAS.find((a) => a.id === hint.area)?.label.toLowerCase()}</em>, the weakest area
                so far (mean {hint.mean.toFixed(1)} of 4).
              </div>
            </div>
          )}
        </section>

        <section className="mb-lobby__card" aria-label="Scores per criterion">
          <h2>Scores per criterion</h2>
          <div className="mb-ws__charts" data-testid="score-charts">
            {RUBRIC_AREAS.map((area) => (
              <LineChart
                key={area.id}
                title={area.label}
                points={progress.scores[area.id].map((p) => ({ label: day(p.at), value: p.score }))}
                min={1}
                max={4}
                ticks={[1, 2, 3, 4]}
                format={(v) => (v in SCORE_LABELS ? String(v) : v.toFixed(1))}
              />
            ))}
          </div>
        </section>

        <div className="mb-ws__pair">
          <section className="mb-lobby__card" aria-label="Recommendation over time">
            <h2>Recommendation over time</h2>
            <LineChart
              title="Coach's recommendation"
              points={progress.recommendations.map((r) => ({
                label: day(r.at),
                value: RECOMMENDATIONS.indexOf(r.recommendation),
              }))}
              min={0}
              max={RECOMMENDATIONS.length - 1}
              ticks={[0, 2, 3, 5]}
              axisWidth={52}
              format={(v) => SHORT_REC[Math.round(v)] ?? ''}
            />
            <ol className="mb-ws__recs">
              {progress.recommendations.map((r) => (
                <li key={r.sessionId}>
                  <span className="mb-dim">{day(r.at)}</span> {RECOMMENDATION_LABELS[r.recommendation]}
                </li>
              ))}
            </ol>
          </section>
          <section className="mb-lobby__card" aria-label="Time per phase">
            <h2>Time per phase, against the plan</h2>
            {progress.phases.length === 0 ? (
              <p className="mb-dim">No timed session yet.</p>
            ) : (
              <ul className="mb-ws__phases" data-testid="phase-times">
                {progress.phases.map((p) => (
                  <li key={p.name}>
                    <div className="mb-ws__phase-name">
                      {p.name}
                      <span className={p.actualMs > p.plannedMs ? 'is-over' : 'mb-dim'}>
                        {minutes(p.actualMs)} of {minutes(p.plannedMs)}
                        {p.sessions > 1 ? ` (mean of ${p.sessions})` : ''}
                      </span>
                    </div>
                    <div className="mb-ws__bar" aria-hidden>
                      <span
                        className="mb-ws__bar-plan"
                        style={{ width: `${(100 * p.plannedMs) / longest}%` }}
                      />
                      <span
                        className={`mb-ws__bar-actual${p.actualMs > p.plannedMs ? ' is-over' : ''}`}
                        style={{ width: `${(100 * p.actualMs) / longest}%` }}
                      />
                    </div>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </div>

        <RecurringFindings sessions={progress.sessions} findings={progress.findings} />

        <section className="mb-lobby__card" aria-label="Sessions">
          <h2>Sessions</h2>
          <ul className="mb-ws__list" data-testid="candidate-sessions">
            {[...progress.sessions].reverse().map((s) => (
              <li key={s.id}>
                <a href={s.interviewerLink}>{s.title}</a>
                <span className="mb-dim">
                  {day(s.createdAt)} · {problemLabel(s)}
                  {s.summary?.recommendation ? ` · ${RECOMMENDATION_LABELS[s.summary.recommendation]}` : ''}
                </span>
              </li>
            ))}
          </ul>
        </section>
      </main>
    </div>
  )
}

// App.tsx lazy-loads the route module's default export.
export default CandidatePage
