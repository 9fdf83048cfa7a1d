/// <reference lib="webworker" />
import { decodeSegment } from '@mockboard/shared'

import { ApiError } from '../api/ApiError'
import { createSessionApi, type SessionApi } from '../api/sessionApi'
import { type BuiltSegment, type Keyframe, SegmentBuilder } from './segmentBuilder'

/**
 * The replay page's log reader, off the main thread: fetches segments of the board's log and
 * turns each into per-update steps (see SegmentBuilder), so the page can draw any instant of a
 * loaded segment without Yjs and without a request. Segments asked for in order continue from
 * the previous one's document, so only the first needs its opening snapshot.
 */

export type WorkerRequest =
  | { type: 'init'; sessionId: string; token: string }
  /**
   * `background`: the page reads the rest of the session forward; the next segment may be fetched
   * ahead. `keyframe`: send the opening board even when continuing the previous segment (the page
   * dropped that one's end, or never had it). `stream`: after this one, go on building the
   * segments after it on this thread's own, each sent unasked (`id` 0) as it is built, up to the
   * log's end (then `streamEnd`), between the page's own requests, which come first: the page's main thread
   * is then no longer a round trip per segment (it is busy mounting tldraw while the log loads).
   * `until`: the stream stops after the segment that reaches this seq (another worker reads on
   * from there).
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
  /** The board at the sought update, sent before the rest of its segment is built. */
  | { type: 'frame'; id: number; seq: number; frame: Keyframe }
  | { type: 'error'; id: number; status: number; message: string }

const scope = self as unknown as DedicatedWorkerGlobalScope
let api: SessionApi | null = null
/**
 * The document at the end of the last closed segment built, ready to continue with the next: one
 * for the page's requests and one for the stream, so a seek does not cost the stream its document.
 */
type Chain = { builder: SegmentBuilder; closedBy: number } | null
const chains: { page: Chain; stream: Chain } = { page: null, stream: null }
/**
 * The segment after the one being built, asked for before building starts when the page reads
 * the rest of the session forward (its next request is then nearly always this one): its bytes
 * arrive, decompressed by the browser, while this thread applies the current one's updates.
 * Null on failure: the load then asks again and reports that error.
 */
let ahead: { seq: number; bytes: Promise<Uint8Array | null> } | null = null
/** The last seq the stream needs to cover: nothing past it is fetched ahead or streamed. */
let streamUntil = Number.POSITIVE_INFINITY

async function fetchSegment(seq: number, withSnapshot: boolean) {
  if (!api) throw new Error('replay worker used before init')
  const early = ahead?.seq === seq && !withSnapshot ? await ahead.bytes : null
  if (ahead?.seq === seq) ahead = null
  return decodeSegment(early ?? (await api.segment('board', seq, withSnapshot)))
}

function fetchAhead(seq: number): void {
  if (!api || ahead?.seq === seq) return
  ahead = { seq, bytes: api.segment('board', seq, false).catch(() => null) }
}

async function load(
  seq: number,
  background: boolean,
  wantKeyframe: boolean,
  reached: ((frame: Keyframe) => void) | null,
  which: keyof typeof chains = 'page',
): Promise<BuiltSegment> {
  const chain = chains[which]
  const previous = chain !== null && seq === chain.closedBy + 1 ? chain : null
  let fetched = await fetchSegment(seq, previous === null)
  let builder: SegmentBuilder
  let keyframe: Keyframe | null = null
  if (previous && fetched.header.snapshot.seq === previous.closedBy) {
    builder = previous.builder
    if (wantKeyframe) keyframe = builder.keyframe()
  } else {
    if (fetched.header.snapshotOmitted) fetched = await fetchSegment(seq, true)
    chain?.builder.destroy()
    builder = new SegmentBuilder(fetched.snapshot, fetched.header.snapshot.seq)
    keyframe = builder.keyframe()
  }
  const { header, updates } = fetched
  if (background && header.closedBy !== null && header.closedBy + 1 <= streamUntil)
    fetchAhead(header.closedBy + 1)
  // A seek waits for its own instant only, not for the updates after it in the segment.
  const sought = reached ? updates.findIndex((u) => u.seq > seq) : -1
  const steps = updates.map((u, i) => {
    if (i === sought) reached!(builder.keyframe())
    return builder.apply(u)
  })
  if (header.closedBy !== null) chains[which] = { builder, closedBy: header.closedBy }
  else {
    builder.destroy()
    chains[which] = null
  }
  return {
    fromSeq: header.snapshot.seq,
    toSeq: updates.at(-1)?.seq ?? header.snapshot.seq,
    closedBy: header.closedBy,
    keyframe,
    steps,
  }
}

// Requests are handled one at a time, in the order sent: the page decides what matters first.
let queue: Promise<void> = Promise.resolve()
/** The next segment the stream builds, or null when not streaming. */
let stream: number | null = null
/** Jobs waiting in the queue: the stream builds only when nothing the page asked for waits. */
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
      const segment = await load(seq, true, false, null, 'stream')
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
      const segment = await load(
        msg.seq,
        background,
        msg.keyframe !== false,
        background
          ? null
          : (frame) =>
              scope.postMessage({ type: 'frame', id: msg.id, seq: msg.seq, frame } satisfies WorkerReply),
        msg.stream ? 'stream' : 'page',
      )
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
