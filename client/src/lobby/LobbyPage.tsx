import './theme.css'
import './lobby.css'

import type { CreateSessionBody, Role, SessionLinks } from '@mockboard/shared'
import { useState } from 'react'

import { ApiError } from '../api/ApiError'
import { createSession, setCreateKey } from '../api/publicApi'
import { CreateSessionForm } from './CreateSessionForm.js'
import { InviteLinks } from './InviteLinks.js'
import { MySessions } from './MySessions.js'
import { type RememberedSession, rememberSession, tokenOfLink } from './sessionHistory.js'
import { StartWorkspaceCard } from './StartWorkspaceCard.js'
import { joinNextRound } from './swapRoles.js'
import { usePrefersDark } from './usePrefersDark.js'
import { useRememberedSessions } from './useRememberedSessions.js'

interface Ready {
  title: string
  links: SessionLinks
  myRole: Role
  intro: string
}

const INTRO_NEW =
  'You are the interviewer. Send the candidate link to the person you interview, and the observer link to anyone who should only watch.'
const INTRO_PRACTICE =
  'You start as the interviewer. Send the candidate link to your practice partner; next round you swap roles, and the design review shows on the board for both.'
const INTRO_AGAIN = 'The invite links of this session, as created. Each person gets their own.'

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err)
}

/** The workspace the lobby was opened from (`/w/<id>/new`): sessions are created in it. */
export interface LobbyWorkspace {
  id: string
  key: string
  /** Known candidates, offered in the form. */
  candidates: string[]
}

/** `/`: create a session (problem library, phase plan), get its links, find past sessions. */
export function LobbyPage({ workspace }: { workspace?: LobbyWorkspace }) {
  const { sessions, reload } = useRememberedSessions()
  const dark = usePrefersDark()
  const [ready, setReady] = useState<Ready | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [swapping, setSwapping] = useState<string | null>(null)
  const [swapError, setSwapError] = useState<string | null>(null)
  // Set when the server refused to create: it was started with MOCKBOARD_CREATE_KEY.
  const [needKey, setNeedKey] = useState<CreateSessionBody | null>(null)
  const [key, setKey] = useState('')

  const remember = (id: string, title: string, links: SessionLinks, role: Role, problemId?: string) => {
    rememberSession({
      id,
      title,
      role,
      token: tokenOfLink(links[role]),
      joinedAt: Date.now(),
      links,
      problemId: problemId ?? null,
      endedAt: null,
    })
    reload()
  }

  const create = async (body: CreateSessionBody) => {
    setBusy(true)
    setError(null)
    try {
      const created = await createSession(
        workspace ? { ...body, workspace: { id: workspace.id, key: workspace.key } } : body,
      )
      const title = body.title ?? 'Mock interview'
      remember(created.id, title, created.links, 'interviewer', body.problemId)
      const intro = body.mode === 'practice' ? INTRO_PRACTICE : INTRO_NEW
      setReady({ title, links: created.links, myRole: 'interviewer', intro })
      window.scrollTo({ top: 0, behavior: 'smooth' })
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) {
        setCreateKey(null)
        setNeedKey(body)
      } else setError(message(err))
    } finally {
      setBusy(false)
    }
  }

  const submitKey = () => {
    if (!needKey || !key.trim()) return
    setCreateKey(key.trim())
    const body = needKey
    setNeedKey(null)
    setKey('')
    void create(body)
  }

  const swap = async (previous: RememberedSession) => {
    if (previous.role === 'observer') return
    setSwapping(previous.id)
    setSwapError(null)
    try {
      // Straight into the shared round: the partner's page follows (or their own click lands there).
      await joinNextRound(previous.id, previous.token)
    } catch (err) {
      setSwapError(`Could not start the next round: ${message(err)}`)
      setSwapping(null)
    }
  }

  return (
    <div className={`mb-lobbypage${dark ? ' mb-dark' : ''}`} data-testid="lobby">
      <header className="mb-lobby__top">
        <div className="mb-lobby__brand">
          <span className="mb-lobby__mark" aria-hidden />
          Mockboard
        </div>
        {workspace ? (
          <a href={`/w/${workspace.id}`} data-testid="back-to-workspace">
            ← Coach workspace
          </a>
        ) : (
          <span className="mb-dim">Live whiteboard for system design mock interviews</span>
        )}
      </header>
      <main className="mb-lobby__grid">
        <div className="mb-lobby__col">
          {needKey && (
            <form
              className="mb-lobby__card mb-lobby__key"
              onSubmit={(e) => {
                e.preventDefault()
                submitKey()
              }}
            >
              <strong>This server needs a create key</strong>
              <p className="mb-dim">
                Whoever runs it set MOCKBOARD_CREATE_KEY. Enter it once; this browser remembers it.
              </p>
              <input
                type="password"
                autoFocus
                value={key}
                onChange={(e) => setKey(e.target.value)}
                aria-label="Create key"
                placeholder="Create key"
              />
              <button type="submit" disabled={!key.trim()}>
                Create the session
              </button>
            </form>
          )}
          {ready ? (
            <InviteLinks {...ready} onDismiss={() => setReady(null)} />
          ) : (
            <CreateSessionForm
              busy={busy}
              error={error}
              candidates={workspace?.candidates}
              onCreate={(body) => void create(body)}
            />
          )}
        </div>
        <div className="mb-lobby__col">
          {swapError && (
            <p className="mb-err mb-lobby__server-error" role="alert">
              {swapError}
            </p>
          )}
          <MySessions
            sessions={sessions}
            swapping={swapping}
            onSwap={(s) => void swap(s)}
            onShowLinks={(s) =>
              s.links && setReady({ title: s.title, links: s.links, myRole: s.role, intro: INTRO_AGAIN })
            }
            onChanged={reload}
          />
          {!workspace && <StartWorkspaceCard />}
        </div>
      </main>
    </div>
  )
}

// App.tsx lazy-loads the route module's default export.
export default LobbyPage
