import './replay.css'

import { useMemo, useState } from 'react'

import { describeApiError } from '../api/describeApiError'
import { createSessionApi } from '../api/sessionApi'
import { takeSessionToken } from '../session/sessionToken'
import { CenteredMessage } from '../ui/CenteredMessage'
import { offsetFromSearch } from './deepLink'
import { ReplayView } from './ReplayView'
import { useReplayData } from './useReplayData'

/** `/s/<id>/replay`: the recorded session on a timeline, or why it can't be shown. */
export default function ReplayPage({ sessionId }: { sessionId: string }) {
  const [token] = useState(() => takeSessionToken(sessionId))
  const [openAt] = useState(() => offsetFromSearch(location.search))
  const api = useMemo(() => (token ? createSessionApi(sessionId, token) : null), [sessionId, token])
  const data = useReplayData(api)
  if (!api) {
    return (
      <CenteredMessage
        tone="error"
        title="This link is incomplete"
        message="A replay link carries its access key after #token=. Open the full link you were sent."
      />
    )
  }
  if (data.status === 'loading') return <CenteredMessage busy title="Loading the recording…" />
  if (data.status === 'error') {
    const { title, detail } = describeApiError(data.error)
    return (
      <CenteredMessage tone="error" title={title} message={detail} action={<a href="/">Go to the lobby</a>} />
    )
  }
  return <ReplayView api={api} info={data.info} history={data.history} model={data.model} openAt={openAt} />
}
