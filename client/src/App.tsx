import type { ReactNode } from 'react'

import type { Route } from './route'
import { CenteredMessage } from './ui/CenteredMessage'
import { Chunk, ChunkFailed } from './ui/Chunk'

// Each screen is its own chunk: the session page never downloads the lobby or the replay.
const loadLobbyPage = () => import('./lobby/LobbyPage')
const loadSessionPage = () => import('./session/SessionPage')
const loadReplayPage = () => import('./replay/ReplayPage')
const loadReportPage = () => import('./report/ReportPage')
const loadWorkspacePage = () => import('./workspace/WorkspacePage')
const loadCandidatePage = () => import('./workspace/CandidatePage')
const loadWorkspaceLobby = () => import('./workspace/WorkspaceLobby')

const loading = <CenteredMessage busy title="Loading…" />
const failed = <ChunkFailed title="Couldn’t load this page" />

function Page<T>({ load, children }: { load: () => Promise<T>; children: (m: T) => ReactNode }) {
  return (
    <Chunk load={load} fallback={loading} failed={failed}>
      {children}
    </Chunk>
  )
}

export function App({ route, token }: { route: Route; token: string | null }) {
  switch (route.name) {
    case 'lobby':
      return <Page load={loadLobbyPage}>{(m) => <m.default />}</Page>
    case 'workspace':
      return <Page load={loadWorkspacePage}>{(m) => <m.default workspaceId={route.id} />}</Page>
    case 'workspace-lobby':
      return <Page load={loadWorkspaceLobby}>{(m) => <m.default workspaceId={route.id} />}</Page>
    case 'candidate':
      return (
        <Page load={loadCandidatePage}>
          {(m) => <m.default workspaceId={route.id} candidate={route.candidate} />}
        </Page>
      )
    case 'session':
      return <Page load={loadSessionPage}>{(m) => <m.default sessionId={route.id} token={token} />}</Page>
    case 'replay':
      return <Page load={loadReplayPage}>{(m) => <m.default sessionId={route.id} />}</Page>
    case 'report':
      return <Page load={loadReportPage}>{(m) => <m.default sessionId={route.id} />}</Page>
    case 'not-found':
      return (
        <CenteredMessage
          title="Page not found"
          message="This address doesn't lead anywhere."
          action={<a href="/">Go to the lobby</a>}
        />
      )
  }
}
