import type { Role } from '@mockboard/shared'

import { type SessionDoc, useSessionDoc } from '../timer/useSessionDoc.js'

/**
 * The interviewer's private doc. Never opened for another role: the server would refuse it
 * (4403), and not even asking keeps its name and size out of their network log.
 */
export function usePrivateDoc(sessionId: string, token: string, role: Role): SessionDoc | null {
  return useSessionDoc(sessionId, 'private', token, role === 'interviewer')
}
