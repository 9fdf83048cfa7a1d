import { lazy, Suspense } from 'react'

import type { Route } from './route'
import { CenteredMessage } from './ui/CenteredMessage'

// Each screen is its own chunk: the session page never downloads the lobby or the replay.
const LobbyPage = lazy(() => import('./lobby/LobbyPage'))
const SessionPage = lazy(() => import('./session/SessionPage'))
const ReplayPage = lazy(() => import('./replay/ReplayPage'))
const ReportPage = lazy(() => import('./report/ReportPage'))
const WorkspacePage = lazy(() => import('./workspace/WorkspacePage'))
const CandidatePage = lazy(() => import('./workspace/CandidatePage'))
const WorkspaceLobby = lazy(() => import('./workspace/WorkspaceLobby'))

export function App({ route, token }: { route: Route; token: string | null }) {
  return (
    <Suspense fallback={<CenteredMessage busy title="Loading…" />}>
      {route.name === 'lobby' && <LobbyPage />}
      {route.name === 'workspace' && <WorkspacePage workspaceId={route.id} />}
      {route.name === 'workspace-lobby' && <WorkspaceLobby workspaceId={route.id} />}
      {route.name === 'candidate' && <CandidatePage workspaceId={route.id} candidate={route.candidate} />}
      {route.name === 'session' && <SessionPage sessionId={route.id} token={token} />}
      {route.name === 'replay' && <ReplayPage sessionId={route.id} />}
      {route.name === 'report' && <ReportPage sessionId={route.id} />}
      {route.name === 'not-found' && (
        <CenteredMessage
          title="Page not found"
          message="This address doesn't lead anywhere."
          action={<a href="/">Go to the lobby</a>}
        />
      )}
    </Suspense>
  )
}
