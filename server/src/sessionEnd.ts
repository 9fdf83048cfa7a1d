import { readTimerState } from '@mockboard/shared'

import type { AppContext } from './context.js'
import type { Room } from './sync/Room.js'

/** Where instances announce that a session ended. */
export const ENDED_CHANNEL = 'mockboard:ended'

/**
 * The interviewer ends a session by setting the timer to `ended` in the control doc; from then on
 * the server refuses every write to the session's documents.
 */
export function watchSessionEnd(ctx: AppContext, room: Room): void {
  if (room.options.doc !== 'control' || room.ended) return
  const state = readTimerState(room.doc)
  if (state?.status !== 'ended') return
  const sessionId = room.options.sessionId
  ctx.registry.markEnded(sessionId)
  // Other instances may serve this session's other documents.
  ctx.fanout?.publish(ENDED_CHANNEL, new TextEncoder().encode(sessionId))
  ctx.storage.updateSession(sessionId, { endedAt: state.endedAt ?? Date.now() }).catch((err) => {
    ctx.logger.error({ err, sessionId }, 'failed to record session end')
  })
}
