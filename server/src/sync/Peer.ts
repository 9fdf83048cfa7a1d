import {
  type Access,
  CloseCode,
  type CloseCodeName,
  CloseReason,
  type DocName,
  MessageType,
  type Role,
} from '@mockboard/shared'
import type { Logger } from 'pino'

import type { Limits } from '../config.js'
import type { Metrics } from '../metrics.js'
import { TokenBucket } from './RateLimiter.js'
import type { Socket } from './Socket.js'

/** A frame carrying sync step 2 (`[sync, step2, …]`): the one that may carry an offline backlog. */
function isSyncStep2(data: Uint8Array): boolean {
  return data[0] === MessageType.sync && data[1] === 1
}

/** One socket's view of one document: who it is, what it may do, what it owns in awareness. */
export class Peer {
  /** Cleared by each ping, set by each pong; a peer still false at the next ping is dead. */
  alive = true
  closed = false
  /** When a frame was last sent: the heartbeat only goes to peers that were sent nothing lately. */
  lastSentAt = Date.now()
  /** Awareness client ids this socket introduced; removed when it closes. */
  readonly awarenessIds = new Set<number>()
  /** Sync step 1 frames answered so far (only one per connection is). */
  step1s = 0
  /** When the last query-awareness was answered (performance.now()), -Infinity before. */
  lastAwarenessQuery = -Infinity
  private sawStep2 = false
  /** The initial sync's bytes may sit in the send buffer on top of the limit while they drain. */
  private syncAllowance = 0
  private readonly messages: TokenBucket
  private readonly bytes: TokenBucket
  /** Work (see updateCost) this connection's updates may ask; the first sync step 2 takes from it too. */
  private readonly work: TokenBucket

  constructor(
    readonly socket: Socket,
    readonly sessionId: string,
    readonly doc: DocName,
    readonly role: Role,
    readonly access: Access,
    private readonly limits: Limits,
    private readonly metrics: Metrics,
    private readonly logger: Logger,
    /** The workspace key tag of the link it joined with (TokenClaims.keyTag): rotation closes it. */
    readonly keyTag?: string,
  ) {
    this.messages = new TokenBucket(limits.messagesPerSecond, limits.messagesPerSecond * 2)
    this.bytes = new TokenBucket(
      limits.bytesPerSecond,
      Math.max(limits.bytesPerSecond * 2, limits.maxMessageBytes),
    )
    this.work = new TokenBucket(
      limits.structsPerSecond,
      Math.max(limits.structsPerSecond * 2, limits.maxUpdateStructs),
    )
  }

  get canWrite(): boolean {
    return this.access === 'write'
  }

  /**
   * Charges one frame against the size and rate limits; false (and closed) when over. The first
   * sync step 2 may be larger than other frames (a client's offline backlog, bounded by the doc cap
   * later): it empties the byte bucket instead of being refused by it.
   */
  admit(data: Uint8Array): boolean {
    const size = data.byteLength
    this.metrics.messagesIn.inc()
    this.metrics.bytesIn.inc(size)
    const backlog = !this.sawStep2 && isSyncStep2(data)
    if (backlog) this.sawStep2 = true
    const { maxMessageBytes, maxFirstSyncBytes } = this.limits
    if (size > (backlog ? Math.max(maxFirstSyncBytes, maxMessageBytes) : maxMessageBytes)) {
      this.tooBig(size)
      return false
    }
    if (backlog && size > maxMessageBytes) {
      this.bytes.drain(size)
      if (this.messages.take(1)) return true
    } else if (this.messages.take(1) && this.bytes.take(size)) return true
    this.close('rateLimited')
    return false
  }

  /** Takes `units` of update work from this connection's budget; false when it has not that much left. */
  spend(units: number): boolean {
    return this.work.take(units)
  }

  /** Charges bytes the server sends because this peer asked (replies): they count like its own. */
  charge(size: number): void {
    this.bytes.charge(size)
  }

  /** Logged at warn without a stack: a client's oversized frame is its problem, not the server's. */
  tooBig(size: number): void {
    if (this.closed) return
    this.logger.warn(
      { sessionId: this.sessionId, doc: this.doc, role: this.role, size },
      'frame over the size limit; closing',
    )
    this.close('messageTooBig')
  }

  /**
   * Sends part of the answer to this peer's (only) sync step 1. It empties the peer's byte budget
   * (no debt: joining a big board is legitimate), and may sit in the send buffer on top of the
   * slow-consumer limit while it drains.
   */
  sendSync(data: Uint8Array): void {
    this.bytes.drain(data.byteLength)
    this.syncAllowance += data.byteLength
    this.send(data)
  }

  send(data: Uint8Array): void {
    if (this.closed || !this.socket.isOpen) return
    // A reader that does not keep up would otherwise hold everything sent to it in our memory.
    if (this.socket.bufferedAmount > this.limits.maxBufferedBytes + this.syncAllowance) {
      this.close('slowConsumer')
      return
    }
    this.socket.send(data)
    this.lastSentAt = Date.now()
    this.metrics.messagesOut.inc()
    this.metrics.bytesOut.inc(data.byteLength)
  }

  close(name: CloseCodeName): void {
    if (this.closed) return
    this.closed = true
    this.metrics.closes.inc({ reason: name })
    if (this.socket.isOpen) this.socket.close(CloseCode[name], CloseReason[name])
  }
}
