import type {
  CreateSessionBody,
  CreateSessionResponse,
  NextRoundResponse,
  SessionInfo,
} from '@mockboard/shared'
import { SYNC_PATH } from '@mockboard/shared'

/** An API refusal with the server's message, shown as is to the user. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

async function parse<T>(res: Response): Promise<T> {
  if (res.ok) return (await res.json()) as T
  let message = res.statusText || `HTTP ${res.status}`
  try {
    const body = (await res.json()) as { message?: string; error?: string }
    message = body.message ?? body.error ?? message
  } catch {
    // non-JSON error page: keep the status text
  }
  throw new ApiError(res.status, message)
}

const CREATE_KEY = 'mockboard:createKey'

/** The key a self-hoster set with MOCKBOARD_CREATE_KEY, remembered in this browser once given. */
export function setCreateKey(key: string | null): void {
  if (key) localStorage.setItem(CREATE_KEY, key)
  else localStorage.removeItem(CREATE_KEY)
}

export async function createSession(body: CreateSessionBody = {}): Promise<CreateSessionResponse> {
  const key = localStorage.getItem(CREATE_KEY)
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  if (key) headers.authorization = `Bearer ${key}`
  return parse(await fetch('/api/sessions', { method: 'POST', headers, body: JSON.stringify(body) }))
}

export async function getSession(id: string, token: string): Promise<SessionInfo> {
  return parse(
    await fetch(`/api/sessions/${encodeURIComponent(id)}`, { headers: { authorization: `Bearer ${token}` } }),
  )
}

/** The shared next round of a session (created by the first caller), with the caller's swapped link. */
export async function startNextRound(id: string, token: string): Promise<NextRoundResponse> {
  const url = `/api/sessions/${encodeURIComponent(id)}/next-round`
  return parse(await fetch(url, { method: 'POST', headers: { authorization: `Bearer ${token}` } }))
}

/** ws(s)://<this origin>/sync, so the dev proxy and production serve the same URL. */
export function syncUrl(loc: Location = location): string {
  return `${loc.protocol === 'https:' ? 'wss' : 'ws'}://${loc.host}${SYNC_PATH}`
}
