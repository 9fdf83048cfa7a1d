import type { DocName, SessionHistory, SessionInfo, SessionReport } from '@mockboard/shared'

/** A refused or failed API call; `status` 0 means the server could not be reached. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message)
  }
}

/** Read-only API of one recorded session, authorised by the invite token. */
export interface ReplayApi {
  /** What the replay worker builds its own copy of this API from. */
  readonly sessionId: string
  readonly token: string
  info(): Promise<SessionInfo>
  history(): Promise<SessionHistory>
  /** The Yjs update that rebuilds `doc` exactly as it was at `at` (server time). */
  state(doc: DocName, at: number, signal?: AbortSignal): Promise<Uint8Array>
  /** A segment of `doc`'s log (shared/segment.ts), optionally without its opening snapshot. */
  segment(doc: DocName, seq: number, withSnapshot: boolean): Promise<Uint8Array>
  report(): Promise<SessionReport>
  /** report.md as a file: the Bearer header rules out a plain link. */
  reportMarkdown(): Promise<{ blob: Blob; filename: string }>
}

async function failure(res: Response): Promise<ApiError> {
  let message = res.statusText
  try {
    const body = (await res.json()) as { message?: string }
    if (body.message) message = body.message
  } catch {
    // Not JSON (a proxy's error page): keep the status text.
  }
  return new ApiError(res.status, message)
}

export function createReplayApi(sessionId: string, token: string): ReplayApi {
  const base = `/api/sessions/${encodeURIComponent(sessionId)}`
  const get = async (path: string, signal?: AbortSignal): Promise<Response> => {
    let res: Response
    try {
      res = await fetch(base + path, { headers: { authorization: `Bearer ${token}` }, signal })
    } catch (err) {
      if (signal?.aborted) throw err
      throw new ApiError(0, 'the server could not be reached')
    }
    if (!res.ok) throw await failure(res)
    return res
  }
  const bytes = async (path: string, signal?: AbortSignal) =>
    new Uint8Array(await (await get(path, signal)).arrayBuffer())
  return {
    sessionId,
    token,
    info: async () => (await get('')).json() as Promise<SessionInfo>,
    history: async () => (await get('/history')).json() as Promise<SessionHistory>,
    state: (doc, at, signal) => bytes(`/state?doc=${doc}&at=${Math.floor(at)}`, signal),
    segment: (doc, seq, withSnapshot) =>
      bytes(`/segment?doc=${doc}&seq=${seq}${withSnapshot ? '' : '&snapshot=0'}`),
    report: async () => (await get('/report.json')).json() as Promise<SessionReport>,
    reportMarkdown: async () => {
      const res = await get('/report.md')
      const disposition = res.headers.get('content-disposition') ?? ''
      const filename = /filename="([^"]+)"/.exec(disposition)?.[1] ?? 'mockboard-report.md'
      return { blob: await res.blob(), filename }
    },
  }
}

/** What to tell a person who opened a link that the server refused. */
export function describeApiError(err: unknown): { title: string; detail: string } {
  if (!(err instanceof ApiError))
    return { title: 'Something went wrong', detail: err instanceof Error ? err.message : String(err) }
  switch (err.status) {
    case 0:
      return { title: 'Server unreachable', detail: 'Check your connection and reload the page.' }
    case 401:
      return {
        title: 'This link is not valid',
        detail:
          'The invite link is incomplete, expired or belongs to another session. Ask the interviewer for a fresh link.',
      }
    case 403:
      return {
        title: 'No access to the replay',
        detail:
          'Observers cannot open replays or reports. Ask the interviewer or the candidate to share theirs.',
      }
    case 404:
      return {
        title: 'Unknown session',
        detail: 'There is no session at this address. It may have been deleted, or the link was mistyped.',
      }
    default:
      return { title: `The server answered ${err.status}`, detail: err.message }
  }
}
