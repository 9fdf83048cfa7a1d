import type { IceResponse } from '@mockboard/shared/http'

import { apiJson } from './apiFetch'

/** The session's audio endpoints, authorised by the invite token. */
export function createVoiceApi(sessionId: string, token: string) {
  const base = `/api/sessions/${encodeURIComponent(sessionId)}`
  return {
    iceServers: async (): Promise<RTCIceServer[]> =>
      (await apiJson<IceResponse>(`${base}/ice`, { token, cache: 'no-store' })).iceServers,
  }
}
