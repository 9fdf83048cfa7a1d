import type {
  CreateRecordingBody,
  CreateRecordingResponse,
  IceResponse,
  RecordingsResponse,
} from '@mockboard/shared/http'

import { apiFetch, apiJson } from './apiFetch'

/** The session's audio endpoints, authorised by the invite token. */
export function createVoiceApi(sessionId: string, token: string) {
  const base = `/api/sessions/${encodeURIComponent(sessionId)}`
  return {
    iceServers: async (): Promise<RTCIceServer[]> =>
      (await apiJson<IceResponse>(`${base}/ice`, { token, cache: 'no-store' })).iceServers,
    /** Creates a take of this browser's microphone: only ever called after the participant agreed. */
    agreeToRecord: async (participant: string, mime: string): Promise<string> => {
      const json: CreateRecordingBody = { participant, consent: true, mime }
      return (await apiJson<CreateRecordingResponse>(`${base}/recordings`, { method: 'POST', token, json }))
        .id
    },
    uploadChunk: (id: string, index: number, durationMs: number, chunk: Blob, levels = '') =>
      apiFetch(
        `${base}/recordings/${id}/chunks?index=${index}&durationMs=${Math.round(durationMs)}&levels=${levels}`,
        {
          method: 'POST',
          token,
          body: chunk,
          contentType: chunk.type || 'audio/webm',
        },
      ),
    stopRecording: (id: string) => apiFetch(`${base}/recordings/${id}/stop`, { method: 'POST', token }),
    recordings: () => apiJson<RecordingsResponse>(`${base}/recordings`, { token }),
  }
}
