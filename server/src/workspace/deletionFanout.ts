import type { AppContext } from '../context.js'
import type { Fanout } from '../fanout/Fanout.js'

/** Where instances announce a deleted session, so each closes the sockets it serves of it. */
export const DELETED_CHANNEL = 'mockboard:deleted'

/** Tells the other instances that `sessionId` is being deleted. */
export function announceDeletion(fanout: Fanout | null, sessionId: string): void {
  fanout?.publish(DELETED_CHANNEL, new TextEncoder().encode(sessionId))
}

/**
 * Closes this instance's rooms of sessions deleted on another instance (4410 sessionDeleted),
 * refuses their writes here from then on and drops the replay bodies kept of them.
 */
export async function listenForDeletions(
  fanout: Fanout,
  { registry, lifecycle, replayBodies }: Pick<AppContext, 'registry' | 'lifecycle' | 'replayBodies'>,
): Promise<void> {
  const decoder = new TextDecoder()
  await fanout.subscribe(DELETED_CHANNEL, (message) => {
    const sessionId = decoder.decode(message)
    lifecycle.forget(sessionId)
    replayBodies.forgetSession(sessionId)
    void registry.closeSession(sessionId)
  })
}
