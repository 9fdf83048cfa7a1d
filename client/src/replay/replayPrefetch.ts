import type { BoardAtEnd, SessionHistory, SessionInfo } from '@mockboard/shared'

import { createSessionApi } from '../api/sessionApi'
import { takeSessionToken } from '../session/sessionToken'
import { loadChunk } from '../ui/Chunk'
import { offsetFromSearch } from './deepLink'

/**
 * What a replay page needs first, asked for by the app's entry script as the page loads, before
 * React renders and before the page's own code is fetched: the session, its timeline and (opened
 * at its end) the final board. On the benchmark hour the history used to be asked for ~0.8 s
 * after navigation, once the page's chunks were in. The log worker is not started here: building
 * the final segment (~0.4 s of a worker not yet warm) competed with the page's first frame on two
 * cores, and the frame is drawn from `/board`; the worker starts with the timeline.
 */

interface Early {
  sessionId: string
  data: Promise<[SessionInfo, SessionHistory]> | null
  /** The final board as records (opened at its end): painted before the worker has built it. */
  end: Promise<BoardAtEnd> | null
}

let early: Early | null = null

/** The view and its board: the largest code of the page, fetched while the recording is. */
export const loadReplayView = () => import('./ReplayView')

/** Starts the replay's first requests for `sessionId` (the entry script calls it on /s/<id>/replay). */
export function prefetchReplay(sessionId: string): void {
  const token = takeSessionToken(sessionId)
  if (!token || early?.sessionId === sessionId) return
  const api = createSessionApi(sessionId, token)
  const data = Promise.all([api.info(), api.history()])
  // Read (and its errors reported) by the page; unread, it must not be an unhandled rejection.
  data.catch(() => undefined)
  // A deep link's instant needs the history's timeline to find: only the end is known up front.
  const atEnd = offsetFromSearch(location.search) === null
  const end = atEnd ? api.boardAtEnd() : null
  end?.catch(() => undefined)
  early = { sessionId, data, end }
  // The replay view's code is fetched alongside, and the fonts the frame painter draws labels
  // with: ready before its first frame, which is then not painted twice.
  loadChunk(loadReplayView)
  void import('./paint/fonts').then((m) => m.loadBoardFonts()).catch(() => undefined)
}

/** The session and its history as prefetched for `sessionId`, once; null when not prefetched. */
export function takePrefetchedData(sessionId: string): Promise<[SessionInfo, SessionHistory]> | null {
  if (early?.sessionId !== sessionId || !early.data) return null
  const { data } = early
  early.data = null
  return data
}

/** The final board as prefetched for `sessionId`, or null (read during render: not taken). */
export function prefetchedEnd(sessionId: string): Promise<BoardAtEnd> | null {
  return early?.sessionId === sessionId ? early.end : null
}

/** The timeline holds the final board now: the page no longer keeps it. */
export function dropPrefetchedEnd(): void {
  if (early) early.end = null
}
