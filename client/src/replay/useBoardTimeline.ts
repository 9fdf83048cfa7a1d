import { useEffect, useMemo } from 'react'

import type { SessionApi } from '../api/sessionApi'
import { BoardTimeline } from './BoardTimeline'
import type { WorkerRequest } from './segmentWorker'
import type { ReplayData } from './useReplayData'

const newWorker = () =>
  new Worker(new URL('./segmentWorker.ts', import.meta.url), { type: 'module', name: 'replay-log' })

/** A seq past any log's end (the segment endpoint takes up to 15 digits): the log's last segment. */
const LAST_SEQ = 999_999_999_999_999

/** The worker started by prefetchFinalBoard, handed to the first timeline of that session. */
let early: { sessionId: string; worker: Worker } | null = null

/**
 * Starts the log worker on the final board as the page opens, before the history is in: a
 * replay opened at its end (no `?t=`) shows that board first, and it no longer waits for the
 * history's round trip, the worker's script and the segment's one after the other.
 */
export function prefetchFinalBoard(sessionId: string, token: string): void {
  if (early?.sessionId === sessionId) return
  early?.worker.terminate()
  const worker = newWorker()
  worker.postMessage({ type: 'init', sessionId, token } satisfies WorkerRequest)
  worker.postMessage({ type: 'prefetch', seq: LAST_SEQ } satisfies WorkerRequest)
  early = { sessionId, worker }
}

function workerFor(sessionId: string): () => Worker {
  return () => {
    const taken = early?.sessionId === sessionId ? early.worker : null
    early = null
    return taken ?? newWorker()
  }
}

/**
 * The board's timeline, started as soon as the history is in: the worker fetches and builds the
 * final board (the camera's frame and the instant the page opens on) while the board's code,
 * tldraw, is still loading and mounting, instead of after. The view attaches to it to draw.
 */
export function useBoardTimeline(api: SessionApi | null, data: ReplayData): BoardTimeline | null {
  const history = data.status === 'ready' ? data.history : null
  const end = data.status === 'ready' ? data.model.end : null
  const timeline = useMemo(
    () =>
      api && history
        ? new BoardTimeline({
            createWorker: workerFor(api.sessionId),
            sessionId: api.sessionId,
            token: api.token,
            updates: history.updates,
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
    return () => timeline.stop()
  }, [timeline, end])
  return timeline
}
