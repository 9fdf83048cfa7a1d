import {
  type CreateSessionBody,
  DEFAULT_PHASES,
  problemById,
  PROBLEMS,
  SESSION_LIMITS,
  type SessionMode,
  WORKSPACE_LIMITS,
} from '@mockboard/shared'
import { type FormEvent, useMemo, useState } from 'react'

import { ModePicker } from './ModePicker.js'
import { PhasePlanEditor } from './PhasePlanEditor.js'
import { checkPlan, type PlanRow, rowsFromPhases } from './planEditing.js'
import { type ProblemChoice, ProblemPicker } from './ProblemPicker.js'
import { problemText } from './problemText.js'

interface Props {
  busy: boolean
  /** The server's 400 message (it names the field) or a network error. */
  error: string | null
  onCreate: (body: CreateSessionBody) => void
  /** Opened from a coach workspace: name the candidate, choosing among these known ones. */
  candidates?: string[]
}

/** Title, mode, problem and phase plan of a new session. */
export function CreateSessionForm({ busy, error, onCreate, candidates }: Props) {
  const [title, setTitle] = useState('')
  const [candidate, setCandidate] = useState('')
  const [mode, setMode] = useState<SessionMode>('interview')
  const [problem, setProblem] = useState<ProblemChoice>({ kind: 'library', id: PROBLEMS[0]!.id })
  const [rows, setRows] = useState<PlanRow[]>(() => rowsFromPhases(DEFAULT_PHASES))
  const check = useMemo(() => checkPlan(rows), [rows])
  const picked = problem.kind === 'library' ? problemById(problem.id) : undefined
  const customEmpty = problem.kind === 'custom' && !problem.text.trim()

  const submit = (e: FormEvent) => {
    e.preventDefault()
    if (!check.phases || customEmpty) return
    const body: CreateSessionBody = { phases: check.phases, mode }
    const firstLine = problem.kind === 'custom' ? (problem.text.trim().split('\n')[0] ?? '').slice(0, 80) : ''
    const t = title.trim() || picked?.title || firstLine
    if (t) body.title = t.slice(0, SESSION_LIMITS.maxTitle)
    if (picked) {
      body.problemId = picked.id
      body.problem = problemText(picked)
    } else if (problem.kind === 'custom') body.problem = problem.text.trim()
    if (candidates && candidate.trim()) body.candidate = candidate.trim()
    onCreate(body)
  }

  return (
    <form className="mb-lobby__card mb-lobby__form" onSubmit={submit} data-testid="create-form">
      <h2>New session</h2>
      <label className="mb-lobby__field">
        <span className="mb-lobby__label">Title</span>
        <input
          className="mb-input"
          value={title}
          maxLength={SESSION_LIMITS.maxTitle}
          placeholder={picked?.title ?? 'Mock interview'}
          onChange={(e) => setTitle(e.target.value)}
          data-testid="title"
        />
      </label>
      <div className="mb-lobby__field">
        <span className="mb-lobby__label">Mode</span>
        <ModePicker value={mode} onChange={setMode} />
      </div>
      {candidates && (
        <label className="mb-lobby__field">
          <span className="mb-lobby__label">Candidate</span>
          <input
            className="mb-input"
            value={candidate}
            maxLength={WORKSPACE_LIMITS.maxCandidate}
            list="mb-known-candidates"
            placeholder={candidates[0] ?? 'Who is interviewed'}
            onChange={(e) => setCandidate(e.target.value)}
            data-testid="candidate"
          />
          <datalist id="mb-known-candidates">
            {candidates.map((c) => (
              <option key={c} value={c} />
            ))}
          </datalist>
        </label>
      )}
      <div className="mb-lobby__field">
        <span className="mb-lobby__label">Problem</span>
        <ProblemPicker value={problem} onChange={setProblem} />
        {customEmpty && <p className="mb-dim mb-lobby__small">Write the prompt the candidate will see.</p>}
      </div>
      <div className="mb-lobby__field">
        <span className="mb-lobby__label">Phase plan</span>
        <PhasePlanEditor rows={rows} check={check} onChange={setRows} />
      </div>
      {error && (
        <p className="mb-err mb-lobby__server-error" role="alert" data-testid="create-error">
          {error}
        </p>
      )}
      <div className="mb-lobby__actions">
        <button
          type="submit"
          className="mb-btn mb-btn--primary mb-lobby__create"
          disabled={busy || !check.phases || customEmpty}
          data-testid="create"
        >
          {busy ? 'Creating…' : 'Create session'}
        </button>
      </div>
    </form>
  )
}
