/** The calls that need no invite token: creating a session and reading the server clock. */
import type { CreateSessionBody, CreateSessionResponse } from '@mockboard/shared'

import { apiJson } from './apiFetch'

const CREATE_KEY = 'mockboard:createKey'

/** The key a self-hoster set with MOCKBOARD_CREATE_KEY, remembered in this browser once given. */
export function setCreateKey(key: string | null): void {
  if (key) localStorage.setItem(CREATE_KEY, key)
  else localStorage.removeItem(CREATE_KEY)
}

/** The remembered create key, if any. */
export function createKeyOf(): string | null {
  return localStorage.getItem(CREATE_KEY)
}

/** POST /api/sessions, with the remembered create key if there is one (401 asks for it). */
export function createSession(body: CreateSessionBody = {}): Promise<CreateSessionResponse> {
  return apiJson('/api/sessions', { method: 'POST', token: createKeyOf(), json: body })
}

/** GET /api/time: the server's clock, for the offset estimate (never cached, or the round trip lies). */
export async function serverTime(): Promise<number | null> {
  const body = await apiJson<{ now?: unknown }>('/api/time', { cache: 'no-store' })
  return typeof body.now === 'number' ? body.now : null
}
