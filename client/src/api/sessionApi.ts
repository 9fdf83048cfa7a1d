import {
  type BoardAtEnd,
  type BuiltSegment,
  type DocName,
  type FindingEvent,
  type NextRoundResponse,
  type PackedSessionHistory,
  type SessionHistory,
  type SessionInfo,
  type SessionReport,
  unpackHistory,
  type UploadAssetResponse,
} from '@mockboard/shared'
import type { CandidateBody, SessionCandidate, ShareBody } from '@mockboard/shared/http'

import { apiFetch, apiJson } from './apiFetch'

/** Everything the browser asks the server about one session, authorised by the invite token. */
export interface SessionApi {
  /** What the replay worker builds its own copy of this API from. */
  readonly sessionId: string
  readonly token: string
  /** Metadata, the caller's role and whether the report is shared: small, cheap to ask again. */
  info(): Promise<SessionInfo>
  history(): Promise<SessionHistory>
  /** The Yjs update that rebuilds `doc` exactly as it was at `at` (server time). */
  state(doc: DocName, at: number, signal?: AbortSignal): Promise<Uint8Array>
  /** The board as the log leaves it, as records: the replay's first instant. */
  boardAtEnd(): Promise<BoardAtEnd>
  /** The segment of the board's log holding `seq` as steps, optionally without its opening board. */
  steps(seq: number, withKeyframe: boolean): Promise<BuiltSegment>
  report(): Promise<SessionReport>
  /** The design review's raised/resolved events over the session (interviewer, or once shared). */
  reviewEvents(): Promise<FindingEvent[]>
  /** report.md as a file: the Bearer header rules out a plain link. */
  reportMarkdown(): Promise<{ blob: Blob; filename: string }>
  /** The interviewer shares (or unshares) rubric and bookmarks with the candidate; resolves to the new state. */
  shareReport(shared: boolean): Promise<boolean>
  /** The interviewer lets observers open the replay and report (or stops); resolves to the new state. */
  shareReplay(shared: boolean): Promise<boolean>
  /** The shared next round (created by the first caller), with the caller's swapped link. */
  nextRound(): Promise<NextRoundResponse>
  /** Interviewer: who is interviewed, and the workspace's known candidates to offer. */
  candidate(): Promise<SessionCandidate>
  /** Interviewer: names the candidate; resolves to the name as stored (trimmed). */
  setCandidate(name: string): Promise<string>
  /** Stores an image for the board; the returned URL needs no token. */
  uploadAsset(image: Blob, signal?: AbortSignal): Promise<UploadAssetResponse>
}

export function createSessionApi(sessionId: string, token: string): SessionApi {
  const base = `/api/sessions/${encodeURIComponent(sessionId)}`
  const bytes = async (path: string, signal?: AbortSignal) =>
    new Uint8Array(await (await apiFetch(base + path, { token, signal })).arrayBuffer())
  return {
    sessionId,
    token,
    info: () => apiJson(base, { token }),
    // Packed: a quarter of the JSON (and of its compressed size); unpacked here once.
    history: async () =>
      unpackHistory(await apiJson<PackedSessionHistory>(`${base}/history?format=packed`, { token })),
    state: (doc, at, signal) => bytes(`/state?doc=${doc}&at=${Math.floor(at)}`, signal),
    boardAtEnd: () => apiJson(`${base}/board`, { token }),
    steps: (seq, withKeyframe) =>
      apiJson(`${base}/steps?seq=${seq}${withKeyframe ? '' : '&keyframe=0'}`, { token }),
    report: () => apiJson(`${base}/report.json`, { token }),
    reviewEvents: async () =>
      (await apiJson<{ events: FindingEvent[] }>(`${base}/review/events`, { token })).events,
    reportMarkdown: async () => {
      const res = await apiFetch(`${base}/report.md`, { token })
      const disposition = res.headers.get('content-disposition') ?? ''
      const filename = /filename="([^"]+)"/.exec(disposition)?.[1] ?? 'mockboard-report.md'
      return { blob: await res.blob(), filename }
    },
    shareReport: async (shared) => {
      const body: ShareBody = { shared }
      return (await apiJson<ShareBody>(`${base}/share`, { method: 'PUT', token, json: body })).shared
    },
    shareReplay: async (shared) => {
      const body: ShareBody = { shared }
      return (await apiJson<ShareBody>(`${base}/share-replay`, { method: 'PUT', token, json: body })).shared
    },
    nextRound: () => apiJson(`${base}/next-round`, { method: 'POST', token }),
    candidate: () => apiJson(`${base}/candidate`, { token }),
    setCandidate: async (name) => {
      const body: CandidateBody = { candidate: name }
      return (await apiJson<CandidateBody>(`${base}/candidate`, { method: 'PUT', token, json: body }))
        .candidate
    },
    uploadAsset: (image, signal) => apiJson(`${base}/assets`, { method: 'POST', token, body: image, signal }),
  }
}
