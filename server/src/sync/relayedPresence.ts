import { type Role, ROLES } from '@mockboard/shared'
import type * as Y from 'yjs'

import { decodeStates, relayedAwareness } from './filterAwareness.js'
import type { Presence } from './Presence.js'
import type { RoomPolicy } from './RoomPolicy.js'

/**
 * Applies presence another instance relayed. Each state's role there is its sender's
 * (filterAwareness sets it from the token): the ids it announces are that role's here too, so a
 * peer of another role on this instance cannot write under them (see UpdateGate); a state under an
 * id another role writes under here is dropped (relayedAwareness). Throws on bytes that do not
 * decode, before applying anything.
 */
export function applyRelayedPresence(
  relayed: Uint8Array,
  presence: Presence,
  policy: Pick<RoomPolicy, 'ownerOf' | 'claim'>,
  ydoc: Y.Doc,
): void {
  const update = relayedAwareness(relayed, (id) => policy.ownerOf(id))
  if (!update) return
  presence.applyRemote(update)
  const states = presence.awareness.getStates()
  for (const { id } of decodeStates(update)) {
    const role = (states.get(id) as { role?: unknown } | undefined)?.role
    if ((ROLES as readonly unknown[]).includes(role)) policy.claim(ydoc, new Set([id]), role as Role)
  }
}
