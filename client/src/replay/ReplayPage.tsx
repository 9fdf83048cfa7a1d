import './replay.css'

import { useMemo, useState } from 'react'

import { describeApiError } from '../api/describeApiError'
import { createSessionApi } from '../api/sessionApi'
import { takeSessionToken } from '../session/sessionToken'
import { CenteredMessage } from '../ui/CenteredMessage'
import { Chunk, ChunkFailed } from '../ui/Chunk'
import { offsetFromSearch } from './deepLink'
import { loadReplayView } from './replayPrefetch'
import { useBoardTimeline } from './useBoardTimeline'
import { useReplayData } from './useReplayData'

const loadingMessage = <CenteredMessage busy title="Loading the recording…" />
const viewFailed = <ChunkFailed title="Couldn’t load the replay" />

/** `/s/<id>/replay`: the recorded session on a timeline, or why it can't be shown. */
export default function ReplayPage({ sessionId }: { sessionId: string }) {
  const [token] = useState(() => takeSessionToken(sessionId))
  const [openAt] = useState(() => offsetFromSearch(location.search))
  const api = useMemo(() => (token ? createSessionApi(sessionId, token) : null), [sessionId, token])
  const data = useReplayData(api)
  const timeline = useBoardTimeline(api, data)
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
    // Its code was asked for as the page opened (replayPrefetch), with the history.
    <Chunk load={loadReplayView} fallback={loadingMessage} failed={viewFailed}>
      {({ ReplayView }) => (
        <ReplayView
          api={api}
          info={data.info}
          history={data.history}
          timeline={timeline}
          model={data.model}
          openAt={openAt}
        />
      )}
    </Chunk>
  )
}
