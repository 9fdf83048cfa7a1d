import type { NextRoundResponse } from '@mockboard/shared'

import { createSessionApi } from '../api/sessionApi'

/**
 * Joins the session's shared next round (same problem and plan, interviewer and candidate
 * swapped). The server creates it on the first call and hands every later caller the same
 * round, so the pair lands together whoever clicks first.
 */
export async function joinNextRound(
  sessionId: string,
  token: string,
  go: (link: string) => void = (l) => location.assign(l),
): Promise<NextRoundResponse> {
  const next = await createSessionApi(sessionId, token).nextRound()
  go(next.link)
  return next
}
