import { useEffect, useMemo } from 'react'

import type { SessionApi } from '../api/sessionApi'
import { BoardTimeline } from './BoardTimeline'
import { dropPrefetchedEnd, prefetchedEnd } from './replayPrefetch'
import type { ReplayData } from './useReplayData'

const newLogWorker = () =>
  new Worker(new URL('./segmentWorker.ts', import.meta.url), { type: 'module', name: 'replay-log' })

/**
 * The board's timeline, started as soon as the history is in: the final board (the camera's frame
 * and the instant the page opens on) comes from `/board`, asked for as the page opened, or else
 * from the log worker; the rest of the session is read once the first instant is on screen. The
 * view attaches to it to draw.
 */
export function useBoardTimeline(api: SessionApi | null, data: ReplayData): BoardTimeline | null {
  const history = data.status === 'ready' ? data.history : null
  const end = data.status === 'ready' ? data.model.end : null
  const timeline = useMemo(
    () =>
      api && history
        ? new BoardTimeline({
            createWorker: newLogWorker,
            sessionId: api.sessionId,
            token: api.token,
            updates: history.updates,
            // The view asks for the rest once the first instant is on screen; two workers read
            // it where the machine has the cores for them.
            restLater: true,
            lanes: navigator.hardwareConcurrency > 2 ? 2 : 1,
            endBoard: prefetchedEnd(api.sessionId),
          })
        : null,
    [api, history],
  )
  useEffect(() => {
    if (!timeline || end === null) return
    // Asked for before the worker starts, so the worker's first request is the board shown
    // first. Errors reach the view through attach(); this only starts the fetch early.
    timeline.load(end).catch(() => undefined)
    timeline.start()
    dropPrefetchedEnd()
    return () => timeline.stop()
  }, [timeline, end])
  return timeline
}
