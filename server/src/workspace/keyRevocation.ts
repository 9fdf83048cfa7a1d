import type { Fanout } from '../fanout/Fanout.js'
import type { RoomRegistry } from '../sync/RoomRegistry.js'

/** Where instances announce a rotated-away workspace key, so each closes the sockets it serves of it. */
export const REVOKED_CHANNEL = 'mockboard:key-revoked'

/**
 * A workspace key was rotated away: the sockets joined with links listed under it close here, and
 * the other instances are told to do the same (HTTP requests and new sockets are refused already:
 * `stillIssued`).
 */
export function revokeKeyTag(registry: RoomRegistry, fanout: Fanout | null, keyTag: string): void {
  registry.closeKeyTag(keyTag)
  fanout?.publish(REVOKED_CHANNEL, new TextEncoder().encode(keyTag))
}

/** Closes this instance's sockets of key tags rotated away on another instance. */
export async function listenForRevocations(fanout: Fanout, registry: RoomRegistry): Promise<void> {
  const decoder = new TextDecoder()
  await fanout.subscribe(REVOKED_CHANNEL, (message) => registry.closeKeyTag(decoder.decode(message)))
}
