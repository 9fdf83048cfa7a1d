import './replay.css'

import { lazy, Suspense, useEffect, useMemo, useState } from 'react'

import { describeApiError } from '../api/describeApiError'
import { createSessionApi } from '../api/sessionApi'
import { takeSessionToken } from '../session/sessionToken'
import { CenteredMessage } from '../ui/CenteredMessage'
import { offsetFromSearch } from './deepLink'
import { useBoardTimeline } from './useBoardTimeline'
import { useReplayData } from './useReplayData'

/** The board and its tldraw: the largest code of the page, fetched while the recording is. */
const loadView = () => import('./ReplayView')
const ReplayView = lazy(() => loadView().then((m) => ({ default: m.ReplayView })))
const loadingMessage = <CenteredMessage busy title="Loading the recording…" />

/** `/s/<id>/replay`: the recorded session on a timeline, or why it can't be shown. */
export default function ReplayPage({ sessionId }: { sessionId: string }) {
  const [token] = useState(() => takeSessionToken(sessionId))
  const [openAt] = useState(() => offsetFromSearch(location.search))
  const api = useMemo(() => (token ? createSessionApi(sessionId, token) : null), [sessionId, token])
  const data = useReplayData(api)
  const timeline = useBoardTimeline(api, data)
  useEffect(() => {
    void loadView()
  }, [])
  if (!api) {
    return (
      <CenteredMessage
        tone="error"
        title="This link is incomplete"
        message="A replay link carries its access key after #token=. Open the full link you were sent."
      />
    )
  }
  if (data.status === 'loading') return loadingMessage
  if (data.status === 'error') {
    const { title, detail } = describeApiError(data.error)
    return (
      <CenteredMessage tone="error" title={title} message={detail} action={<a href="/">Go to the lobby</a>} />
    )
  }
  // Created with the history, on the same render.
  if (!timeline) return loadingMessage
  return (
    <Suspense fallback={loadingMessage}>
      <ReplayView
        api={api}
        info={data.info}
        history={data.history}
        timeline={timeline}
        model={data.model}
        openAt={openAt}
      />
    </Suspense>
  )
}
