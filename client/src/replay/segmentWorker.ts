/// <reference lib="webworker" />
import type { BuiltSegment } from '@mockboard/shared'

import { ApiError } from '../api/ApiError'
import { createSessionApi, type SessionApi } from '../api/sessionApi'

/**
 * The replay page's log reader, off the main thread: fetches segments of the board's log as the
 * server builds them into per-update steps (GET /steps; see buildSegment), so the page can draw
 * any instant of a loaded segment without Yjs and without a request. Reading them is a JSON
 * parse: the page's main thread only takes the finished segments, each in one message.
 */

export type WorkerRequest =
  | { type: 'init'; sessionId: string; token: string }
  /**
   * `background`: the page reads the rest of the session forward; the next segment may be fetched
   * ahead. `keyframe`: send the opening board (default; false when the page holds the previous
   * segment's end). `stream`: after this one, go on fetching the segments after it on this
   * thread's own, each sent unasked (`id` 0) as it arrives, up to the log's end (then
   * `streamEnd`), between the page's own requests, which come first: the page's main thread is
   * then no longer a round trip per segment. `until`: the stream stops after the segment that
   * reaches this seq (another worker reads on from there).
   */
  | {
      type: 'load'
      id: number
      seq: number
      background?: boolean
      keyframe?: boolean
      stream?: boolean
      until?: number
    }
  /** Lowers the stream's `until` (the other worker's first segment opens earlier than planned). */
  | { type: 'until'; seq: number }
export type WorkerReply =
  /** `id` 0: streamed, unasked. */
  | { type: 'segment'; id: number; segment: BuiltSegment }
  /** The stream reached the log's end (or failed) and stopped. */
  | { type: 'streamEnd' }
  | { type: 'error'; id: number; status: number; message: string }

const scope = self as unknown as DedicatedWorkerGlobalScope
let api: SessionApi | null = null
/**
 * The segment after the one just fetched (without its opening board), asked for as soon as that
 * one arrives when the page reads the session forward (its next request is then nearly always
 * this one): the server serves it while this thread parses and hands over the current one. Null
 * on failure: the load then asks again and reports that error.
 */
let ahead: { seq: number; segment: Promise<BuiltSegment | null> } | null = null
/** The last seq the stream needs to cover: nothing past it is fetched ahead or streamed. */
let streamUntil = Number.POSITIVE_INFINITY

async function load(seq: number, background: boolean, withKeyframe: boolean): Promise<BuiltSegment> {
  if (!api) throw new Error('replay worker used before init')
  const early = ahead?.seq === seq && !withKeyframe ? await ahead.segment : null
  if (ahead?.seq === seq) ahead = null
  const segment = early ?? (await api.steps(seq, withKeyframe))
  const next = segment.closedBy === null ? null : segment.closedBy + 1
  if (background && next !== null && next <= streamUntil && ahead?.seq !== next)
    ahead = { seq: next, segment: api.steps(next, false).catch(() => null) }
  return segment
}

// Requests are handled one at a time, in the order sent: the page decides what matters first.
let queue: Promise<void> = Promise.resolve()
/** The next segment the stream fetches, or null when not streaming. */
let stream: number | null = null
/** Jobs waiting in the queue: the stream fetches only when nothing the page asked for waits. */
let waiting = 0

function streamFrom(closedBy: number | null): void {
  stream = closedBy === null || closedBy + 1 > streamUntil ? null : closedBy + 1
  if (stream === null) scope.postMessage({ type: 'streamEnd' } satisfies WorkerReply)
  else queueStream()
}

/** After the page's last waiting request: the stream goes on where it was. */
function resumeStream(): void {
  if (waiting === 0 && stream !== null) queueStream()
}

function queueStream(): void {
  queue = queue.then(async () => {
    if (stream === null) return
    // The page's requests go first; the stream resumes after the last of them.
    if (waiting > 0) return
    const seq = stream
    // Bounded since it was queued: the other worker covers the rest.
    if (seq > streamUntil) return streamFrom(null)
    try {
      const segment = await load(seq, true, false)
      scope.postMessage({ type: 'segment', id: 0, segment } satisfies WorkerReply)
      streamFrom(segment.closedBy)
    } catch {
      // The page asks again for what is missing, and hears that error then.
      stream = null
      scope.postMessage({ type: 'streamEnd' } satisfies WorkerReply)
    }
  })
}
scope.onmessage = (event: MessageEvent<WorkerRequest>) => {
  const msg = event.data
  if (msg.type === 'init') {
    api = createSessionApi(msg.sessionId, msg.token)
    return
  }
  if (msg.type === 'until') {
    streamUntil = Math.min(streamUntil, msg.seq)
    return
  }
  if (msg.stream) streamUntil = msg.until ?? Number.POSITIVE_INFINITY
  waiting++
  queue = queue.then(async () => {
    waiting--
    try {
      // Nobody waits on the session's rest, and its next segment is the likeliest next request.
      const background = msg.background === true || msg.stream === true
      const segment = await load(msg.seq, background, msg.keyframe !== false)
      scope.postMessage({ type: 'segment', id: msg.id, segment } satisfies WorkerReply)
      if (msg.stream) streamFrom(segment.closedBy)
      else resumeStream()
    } catch (err) {
      const status = err instanceof ApiError ? err.status : -1
      scope.postMessage({
        type: 'error',
        id: msg.id,
        status,
        message: err instanceof Error ? err.message : String(err),
      } satisfies WorkerReply)
    }
  })
}
