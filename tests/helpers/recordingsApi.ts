import { expect } from 'vitest'

import type { CreatedSession, TestServer } from './server.js'

/** A few bytes standing for a MediaRecorder chunk: the server stores audio, it never decodes it. */
export const chunk = (fill: number, size = 1000) => new Uint8Array(size).fill(fill)

export function api(s: TestServer, session: CreatedSession) {
  const base = `${s.url}/api/sessions/${session.id}/recordings`
  const auth = (token: string) => ({ authorization: `Bearer ${token}` })
  return {
    agree: (token: string, body: Record<string, unknown> = {}) =>
      fetch(base, {
        method: 'POST',
        headers: { ...auth(token), 'content-type': 'application/json' },
        body: JSON.stringify({ participant: 'Cam', consent: true, mime: 'audio/webm;codecs=opus', ...body }),
      }),
    upload: (
      token: string,
      id: string,
      index: number,
      data: Uint8Array<ArrayBuffer>,
      type = 'audio/webm;codecs=opus',
      query = 'durationMs=3000',
    ) =>
      fetch(`${base}/${id}/chunks?index=${index}&${query}`, {
        method: 'POST',
        headers: { ...auth(token), 'content-type': type },
        body: new Blob([data]),
      }),
    stop: (token: string, id: string) =>
      fetch(`${base}/${id}/stop`, { method: 'POST', headers: auth(token) }),
    list: (token: string) => fetch(base, { headers: auth(token) }),
    audio: (token: string, id: string, range?: string) =>
      fetch(`${base}/${id}/audio`, { headers: { ...auth(token), ...(range && { range }) } }),
    /** The take as an `<audio>` element asks for it: the list's audioUrl, no header. */
    audioUrl: (url: string, range?: string) =>
      fetch(`${s.url}${url}`, { headers: { ...(range && { range }) } }),
    remove: (token: string) => fetch(base, { method: 'DELETE', headers: auth(token) }),
    share: (token: string, shared = true) =>
      fetch(`${s.url}/api/sessions/${session.id}/share`, {
        method: 'PUT',
        headers: { ...auth(token), 'content-type': 'application/json' },
        body: JSON.stringify({ shared }),
      }),
  }
}

export async function take(a: ReturnType<typeof api>, token: string, participant = 'Cam'): Promise<string> {
  const res = await a.agree(token, { participant })
  expect(res.status).toBe(201)
  return ((await res.json()) as { id: string }).id
}
