import type { SessionHistory, SessionInfo } from '@mockboard/shared'

import { createSessionApi } from '../api/sessionApi'
import { takeSessionToken } from '../session/sessionToken'
import { offsetFromSearch } from './deepLink'
import type { WorkerRequest } from './segmentWorker'

/**
 * What a replay page needs first, asked for by the app's entry script as the page loads, before
 * React renders and before the page's own code is fetched: the session, its timeline and (opened
 * at its end) the final board. On the benchmark hour the history used to be asked for ~0.8 s
 * after navigation, once the page's chunks were in.
 */

const newLogWorker = () =>
  new Worker(new URL('./segmentWorker.ts', import.meta.url), { type: 'module', name: 'replay-log' })

/** A seq past any log's end (the segment endpoint takes up to 15 digits): the log's last segment. */
const LAST_SEQ = 999_999_999_999_999

interface Early {
  sessionId: string
  data: Promise<[SessionInfo, SessionHistory]> | null
  worker: Worker | null
}

let early: Early | null = null

/** Starts the replay's first requests for `sessionId` (the entry script calls it on /s/<id>/replay). */
export function prefetchReplay(sessionId: string): void {
  const token = takeSessionToken(sessionId)
  if (!token || early?.sessionId === sessionId) return
  const api = createSessionApi(sessionId, token)
  const data = Promise.all([api.info(), api.history()])
  // Read (and its errors reported) by the page; unread, it must not be an unhandled rejection.
  data.catch(() => undefined)
  // A deep link's instant needs the history's timeline to find: only the end is known up front.
  const worker = offsetFromSearch(location.search) === null ? startOnFinalBoard(sessionId, token) : null
  early = { sessionId, data, worker }
  // The replay view's code is fetched alongside, and the fonts the frame painter draws labels
  // with: ready before its first frame, which is then not painted twice.
  void import('./ReplayView').catch(() => undefined)
  void import('./paint/fonts').then((m) => m.loadBoardFonts()).catch(() => undefined)
}

/**
 * Starts the log worker on the final board: a replay opened at its end shows that board first,
 * and it no longer waits for the history's round trip, the worker's script and the segment's one
 * after the other.
 */
function startOnFinalBoard(sessionId: string, token: string): Worker {
  const worker = newLogWorker()
  worker.postMessage({ type: 'init', sessionId, token } satisfies WorkerRequest)
  worker.postMessage({ type: 'prefetch', seq: LAST_SEQ } satisfies WorkerRequest)
  return worker
}

/** The session and its history as prefetched for `sessionId`, once; null when not prefetched. */
export function takePrefetchedData(sessionId: string): Promise<[SessionInfo, SessionHistory]> | null {
  if (early?.sessionId !== sessionId || !early.data) return null
  const { data } = early
  early.data = null
  return data
}

/** The log worker started on the final board for `sessionId`, once; else a new one. */
export function takeLogWorker(sessionId: string): Worker {
  const taken = early?.sessionId === sessionId ? early.worker : null
  if (early) early.worker = null
  return taken ?? newLogWorker()
}
