import '../lobby/theme.css'
import '../lobby/lobby.css'
import './workspace.css'

import { sameCandidate, workspaceLink, type WorkspaceSession } from '@mockboard/shared'
import { Download, KeyRound, LogOut, Plus } from 'lucide-react'
import { useMemo, useState } from 'react'

import { CopyButton } from '../lobby/CopyButton'
import { forgetSessions } from '../lobby/sessionHistory'
import { usePrefersDark } from '../lobby/usePrefersDark'
import { CenteredMessage } from '../ui/CenteredMessage'
import { download, sessionsCsv, sessionsJson } from './exportSessions'
import { LocalSessionsCard } from './LocalSessionsCard'
import { type ColumnId, problemLabel, sortSessions } from './sessionColumns'
import { SessionsTable } from './SessionsTable'
import { useWorkspace } from './useWorkspace'
import { WorkspaceHeader } from './WorkspaceHeader'
import { rememberWorkspaceKey } from './workspaceKeyStore'

const ALL = ''

/** `/w/<id>`: every session of the coach's workspace, sortable and filtered, exported; its candidates. */
export function WorkspacePage({ workspaceId }: { workspaceId: string }) {
  const dark = usePrefersDark()
  const { state, api, reload } = useWorkspace(workspaceId)
  const [sort, setSort] = useState<{ column: ColumnId; descending: boolean }>({
    column: 'date',
    descending: true,
  })
  const [candidate, setCandidate] = useState(ALL)
  const [problem, setProblem] = useState(ALL)
  const [error, setError] = useState<string | null>(null)
  const sessions = useMemo(() => (state.status === 'ready' ? state.data.sessions : []), [state])
  const problems = useMemo(() => [...new Set(sessions.map(problemLabel).filter(Boolean))].sort(), [sessions])
  const shown = useMemo(
    () =>
      sortSessions(
        sessions.filter(
          (s) =>
            (candidate === ALL || sameCandidate(s.candidate, candidate)) &&
            (problem === ALL || problemLabel(s) === problem),
        ),
        sort.column,
        sort.descending,
      ),
    [sessions, candidate, problem, sort],
  )

  if (state.status === 'no-key' || !api)
    return (
      <CenteredMessage
        tone="error"
        title="This workspace needs its link"
        message="Open the workspace link you bookmarked (it ends in #key=…): this browser has no key for it."
        action={<a href="/">Go to the lobby</a>}
      />
    )
  if (state.status === 'loading') return <CenteredMessage busy title="Loading the workspace…" />
  if (state.status === 'refused')
    return <CenteredMessage tone="error" title="No access to this workspace" message={state.message} />

  const link = new URL(workspaceLink(workspaceId, api.key), location.origin).toString()
  const onSort = (column: ColumnId) =>
    setSort((s) => ({ column, descending: s.column === column ? !s.descending : column === 'date' }))
  const onDelete = (s: WorkspaceSession) => {
    if (
      !confirm(
        `Delete "${s.title}" for good? Its board, notes, rubric and replay are removed from the server.`,
      )
    )
      return
    api.deleteSession(s.id).then(reload, (err: unknown) => setError(String(err)))
  }
  const rotate = () => {
    if (!confirm('Make a new workspace link? The current link stops working on every device.')) return
    api.rotateKey().then(
      (fresh) => {
        rememberWorkspaceKey(workspaceId, fresh.key)
        location.replace(fresh.link)
        location.reload()
      },
      (err: unknown) => setError(String(err)),
    )
  }
  const forget = () => {
    if (
      !confirm(
        "Forget the workspace on this device? Its key and this browser's links to its sessions are removed; you will need the workspace link to come back.",
      )
    )
      return
    rememberWorkspaceKey(workspaceId, null)
    // The links "My sessions" keeps would still open them as the interviewer on a shared device.
    forgetSessions(new Set(sessions.map((s) => s.id)))
    location.assign('/')
  }
  const stamp = new Date().toISOString().slice(0, 10)

  return (
    <div className={`mb-lobbypage mb-ws${dark ? ' mb-dark' : ''}`} data-testid="workspace">
      <WorkspaceHeader
        workspaceId={workspaceId}
        actions={
          <a className="mb-btn mb-btn--primary" href={`/w/${workspaceId}/new`} data-testid="ws-new-session">
            <Plus size={14} />
            New session
          </a>
        }
      />
      <main className="mb-ws__main">
        <section className="mb-lobby__card mb-ws__intro">
          <div>
            <h1 className="mb-ws__title">Your sessions, on every device</h1>
            <p className="mb-dim">
              Keep the workspace link where you keep passwords: it holds the workspace key, and anyone with it
              can open every session here as the interviewer. This browser remembers it until you forget it
              here.
            </p>
          </div>
          <div className="mb-ws__intro-actions">
            <CopyButton text={link} label="Copy workspace link" />
            <button type="button" className="mb-btn mb-btn--sm mb-btn--ghost" onClick={rotate}>
              <KeyRound size={14} />
              New link
            </button>
            <button
              type="button"
              className="mb-btn mb-btn--sm mb-btn--ghost"
              onClick={forget}
              data-testid="ws-forget"
            >
              <LogOut size={14} />
              Forget on this device
            </button>
          </div>
        </section>
        <LocalSessionsCard api={api} listed={sessions} onAdded={reload} />
        {error && (
          <p className="mb-err mb-lobby__server-error" role="alert">
            {error}
          </p>
        )}
        {state.data.candidates.length > 0 && (
          <nav className="mb-ws__candidates" aria-label="Candidates">
            <span className="mb-lobby__label">Candidates</span>
            {state.data.candidates.map((c) => (
              <a key={c} className="mb-ws__chip" href={`/w/${workspaceId}/c/${encodeURIComponent(c)}`}>
                {c}
              </a>
            ))}
          </nav>
        )}
        <section className="mb-lobby__card mb-ws__sessions" aria-label="Sessions">
          <div className="mb-ws__toolbar">
            <label>
              <span className="mb-lobby__label">Candidate</span>
              <select
                value={candidate}
                onChange={(e) => setCandidate(e.target.value)}
                data-testid="filter-candidate"
              >
                <option value={ALL}>All</option>
                {state.data.candidates.map((c) => (
                  <option key={c}>{c}</option>
                ))}
              </select>
            </label>
            <label>
              <span className="mb-lobby__label">Problem</span>
              <select
                value={problem}
                onChange={(e) => setProblem(e.target.value)}
                data-testid="filter-problem"
              >
                <option value={ALL}>All</option>
                {problems.map((p) => (
                  <option key={p}>{p}</option>
                ))}
              </select>
            </label>
            <span className="mb-dim mb-ws__count">
              {shown.length} of {sessions.length}
            </span>
            <button
              type="button"
              className="mb-btn mb-btn--sm"
              onClick={() => download(sessionsCsv(shown), `mockboard-sessions-${stamp}.csv`, 'text/csv')}
              data-testid="export-csv"
            >
              <Download size={14} />
              CSV
            </button>
            <button
              type="button"
              className="mb-btn mb-btn--sm"
              onClick={() =>
                download(sessionsJson(shown), `mockboard-sessions-${stamp}.json`, 'application/json')
              }
              data-testid="export-json"
            >
              <Download size={14} />
              JSON
            </button>
          </div>
          {sessions.length === 0 ? (
            <p className="mb-dim mb-ws__empty">
              No sessions yet. Start one with <a href={`/w/${workspaceId}/new`}>New session</a>.
            </p>
          ) : (
            <SessionsTable
              workspaceId={workspaceId}
              sessions={shown}
              sort={sort}
              onSort={onSort}
              onDelete={onDelete}
            />
          )}
        </section>
      </main>
    </div>
  )
}

// App.tsx lazy-loads the route module's default export.
export default WorkspacePage
