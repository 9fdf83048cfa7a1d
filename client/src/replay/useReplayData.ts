import type { SessionHistory, SessionInfo } from '@mockboard/shared'
import { useEffect, useState } from 'react'

import type { SessionApi } from '../api/sessionApi'
import { takePrefetchedData } from './replayPrefetch'
import { buildTimeline, type TimelineModel } from './timelineModel'

export type ReplayData =
  | { status: 'loading' }
  | { status: 'error'; error: unknown }
  | { status: 'ready'; info: SessionInfo; history: SessionHistory; model: TimelineModel }

/** Session metadata and its timeline, fetched together once per page (or taken as prefetched). */
export function useReplayData(api: SessionApi | null): ReplayData {
  const [data, setData] = useState<ReplayData>({ status: 'loading' })
  useEffect(() => {
    if (!api) return
    let live = true
    setData({ status: 'loading' })
    ;(takePrefetchedData(api.sessionId) ?? Promise.all([api.info(), api.history()])).then(
      ([info, history]) => {
        performance.mark('replay:history')
        if (live) setData({ status: 'ready', info, history, model: buildTimeline(history) })
      },
      (error: unknown) => live && setData({ status: 'error', error }),
    )
    return () => {
      live = false
    }
  }, [api])
  return data
}
