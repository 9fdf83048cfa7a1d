import * as awarenessProtocol from 'y-protocols/awareness'
import type * as Y from 'yjs'

import { encodeAwareness } from './messages.js'
import { Peer } from './Peer.js'
import { TokenBucket } from './RateLimiter.js'
import type { RoomPolicy } from './RoomPolicy.js'

export interface PresenceOptions {
  /** What of an awareness update a peer may say (see filterAwareness). */
  filter: RoomPolicy['awareness']
  /** The room's peers (the same set the room keeps). */
  peers: Set<Peer>
  /** Sends a frame to every peer but `except`. */
  broadcast: (message: Uint8Array, except: unknown) => void
  /** Hands an awareness update to other instances, if any. */
  publish: ((update: Uint8Array) => void) | null
  /** Sees each state a peer set here (the board's camera log, see CameraRecorder). */
  observe?: (state: unknown) => void
  /**
   * Bytes of presence the room sends joiners per second, all together (bursts up to 2×): what one
   * connection may send (MOCKBOARD_MAX_BYTES_PER_SECOND). A joiner past it gets no snapshot.
   */
  joinBytesPerSecond: number
}

/** Query-awareness is answered at most this often per connection (a stock client never asks). */
const QUERY_EVERY_MS = 1000
/** Origin of awareness updates heard from other instances: relayed, never published back. */
const REMOTE = Symbol('remote')

/**
 * Who is in a room: the awareness states of its peers, each written only by the connection that
 * introduced it (see filterAwareness), relayed to the others and removed when that connection goes.
 */
export class Presence {
  readonly awareness: awarenessProtocol.Awareness
  private readonly joins: TokenBucket

  constructor(
    ydoc: Y.Doc,
    private readonly options: PresenceOptions,
  ) {
    this.joins = new TokenBucket(options.joinBytesPerSecond, 2 * options.joinBytesPerSecond)
    this.awareness = new awarenessProtocol.Awareness(ydoc)
    this.awareness.setLocalState(null)
    this.awareness.on('update', this.onUpdate)
  }

  /**
   * Tells a new peer who is here. Every state goes to every joiner, so a client reconnecting in a
   * loop into a room of big states made the server send tens of MB/s: the room's snapshots are
   * rationed (per room, not per connection: a reconnect starts a fresh connection budget). A joiner
   * refused one still sees each state on its next change, and stock clients renew theirs every 15 s.
   */
  join(peer: Peer): void {
    const states = [...this.awareness.getStates().keys()]
    if (states.length === 0) return
    const snapshot = encodeAwareness(this.awareness, states)
    if (this.joins.take(snapshot.byteLength)) peer.send(snapshot)
  }

  leave(peer: Peer): void {
    if (peer.awarenessIds.size > 0)
      awarenessProtocol.removeAwarenessStates(this.awareness, [...peer.awarenessIds], null)
  }

  /** A peer's awareness update, limited to what the policy lets it say. */
  receive(peer: Peer, update: Uint8Array): void {
    let allowed
    try {
      allowed = this.options.filter(peer, update, this.awareness, this.options.peers)
    } catch {
      peer.close('malformed')
      return
    }
    if (!allowed) return
    awarenessProtocol.applyAwarenessUpdate(this.awareness, allowed, peer)
    const { observe } = this.options
    if (observe) for (const id of peer.awarenessIds) observe(this.awareness.getStates().get(id))
  }

  /** Query-awareness: each answer encodes every state, so it is rationed and charged to the asker. */
  query(peer: Peer): void {
    const now = performance.now()
    if (now - peer.lastAwarenessQuery < QUERY_EVERY_MS) return
    peer.lastAwarenessQuery = now
    const reply = encodeAwareness(this.awareness, [...this.awareness.getStates().keys()])
    peer.charge(reply.byteLength)
    peer.send(reply)
  }

  /** An update another instance relayed (already filtered there). */
  applyRemote(update: Uint8Array): void {
    awarenessProtocol.applyAwarenessUpdate(this.awareness, update, REMOTE)
  }

  destroy(): void {
    this.awareness.off('update', this.onUpdate)
    this.awareness.destroy()
  }

  private readonly onUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    if (origin instanceof Peer) {
      for (const id of added) origin.awarenessIds.add(id)
      for (const id of removed) origin.awarenessIds.delete(id)
    }
    const changed = [...added, ...updated, ...removed]
    this.options.broadcast(encodeAwareness(this.awareness, changed), origin)
    if (this.options.publish && origin !== REMOTE)
      this.options.publish(awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed))
  }
}
