import type { Role } from '@mockboard/shared'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import type { Awareness } from 'y-protocols/awareness'

/** What the server knows about the connection that sent an awareness update. */
export interface AwarenessSender {
  readonly role: Role
  /** Client ids this connection introduced. */
  readonly awarenessIds: Set<number>
}

export interface AwarenessLimits {
  maxAwarenessIds: number
  maxAwarenessStateBytes: number
}

/**
 * Rewrites a client's awareness update (y-protocols layout: count, then per client id, clock and
 * JSON state) to what this connection may say: ids it introduced (a few at most), states bounded
 * in size, `role` set from the verified token. An id someone else holds is dropped: stock
 * y-websocket clients echo every state they hear back to the server, so this is routine, not an
 * attack. One exception: a newer clock for an id held with the sender's own role is the same token
 * reconnecting before its old socket timed out, and the id passes to the new socket. An id another
 * role writes under in the document (`ownerOf`) is never taken, even while it has no state. Null when
 * nothing is left. Throws on bytes that do not decode.
 */
export function filterAwareness(
  update: Uint8Array,
  sender: AwarenessSender,
  awareness: Awareness,
  others: Iterable<AwarenessSender>,
  limits: AwarenessLimits,
  /** The role that writes under a client id in the document, if one claimed it (see UpdateGate). */
  ownerOf: (id: number) => Role | undefined = () => undefined,
): Uint8Array | null {
  const kept: State[] = []
  for (const { id, clock, json } of decodeStates(update)) {
    if (json.length > limits.maxAwarenessStateBytes) continue
    const state = JSON.parse(json) as unknown
    if (!sender.awarenessIds.has(id)) {
      if (state === null) continue
      const current = awareness.getStates().get(id) as { role?: unknown } | undefined
      const currentClock = awareness.meta.get(id)?.clock ?? -1
      if (current && (current.role !== sender.role || clock <= currentClock)) continue
      // Another role's doc id, its state gone for a moment (a reconnect): not theirs to speak for.
      const owner = ownerOf(id)
      if (owner !== undefined && owner !== sender.role) continue
      if (sender.awarenessIds.size >= limits.maxAwarenessIds) continue
      for (const other of others) if (other !== sender) other.awarenessIds.delete(id)
      sender.awarenessIds.add(id)
    }
    if (state !== null && (typeof state !== 'object' || Array.isArray(state))) continue
    kept.push({ id, clock, json: state === null ? 'null' : JSON.stringify({ ...state, role: sender.role }) })
  }
  return kept.length === 0 ? null : encodeStates(kept)
}

/**
 * Of presence another instance relayed, what this one may apply: a state whose role (set there
 * from its sender's token) is not the role that writes under its id here is dropped, as a peer's
 * here would be; removals (null) and states of ids nobody here claimed pass. Null when nothing is
 * left. Throws on bytes that do not decode.
 */
export function relayedAwareness(
  update: Uint8Array,
  ownerOf: (id: number) => Role | undefined,
): Uint8Array | null {
  const kept: State[] = []
  let count = 0
  for (const { id, clock, json } of decodeStates(update)) {
    count++
    const owner = ownerOf(id)
    if (owner !== undefined) {
      const state = JSON.parse(json) as { role?: unknown } | null
      if (state !== null && state.role !== owner) continue
    }
    kept.push({ id, clock, json })
  }
  if (kept.length === count) return update
  return kept.length === 0 ? null : encodeStates(kept)
}

interface State {
  id: number
  clock: number
  json: string
}

/**
 * The states of an awareness update (y-protocols layout: count, then id, clock and JSON each), one
 * at a time: a large frame of small states is never held as objects all at once.
 */
export function* decodeStates(update: Uint8Array): Generator<State> {
  const decoder = decoding.createDecoder(update)
  for (let n = decoding.readVarUint(decoder); n > 0; n--)
    yield {
      id: decoding.readVarUint(decoder),
      clock: decoding.readVarUint(decoder),
      json: decoding.readVarString(decoder),
    }
}

/** An awareness update (y-protocols layout) of these states. */
function encodeStates(states: readonly State[]): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, states.length)
  for (const { id, clock, json } of states) {
    encoding.writeVarUint(encoder, id)
    encoding.writeVarUint(encoder, clock)
    encoding.writeVarString(encoder, json)
  }
  return encoding.toUint8Array(encoder)
}
