import { type SessionDoc, useSessionDoc } from './useSessionDoc.js'

/** The control doc (timer, phase plan): readable by every role, written only by the interviewer. */
export function useControlDoc(sessionId: string, token: string): SessionDoc | null {
  return useSessionDoc(sessionId, 'control', token)
}
