import type { Fanout } from '../fanout/Fanout.js'
import type { RoomRegistry } from '../sync/RoomRegistry.js'
import type { SessionLifecycle } from '../sync/SessionLifecycle.js'

/** Where instances announce a deleted session, so each closes the sockets it serves of it. */
export const DELETED_CHANNEL = 'mockboard:deleted'

/** Tells the other instances that `sessionId` is being deleted. */
export function announceDeletion(fanout: Fanout | null, sessionId: string): void {
  fanout?.publish(DELETED_CHANNEL, new TextEncoder().encode(sessionId))
}

/**
 * Closes this instance's rooms of sessions deleted on another instance (4410 sessionDeleted) and
 * refuses their writes here from then on.
 */
export async function listenForDeletions(
  fanout: Fanout,
  registry: RoomRegistry,
  lifecycle: SessionLifecycle,
): Promise<void> {
  const decoder = new TextDecoder()
  await fanout.subscribe(DELETED_CHANNEL, (message) => {
    const sessionId = decoder.decode(message)
    lifecycle.forget(sessionId)
    void registry.closeSession(sessionId)
  })
}
