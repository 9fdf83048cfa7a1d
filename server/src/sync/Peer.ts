import { CloseCode, CloseReason, type Access, type CloseCodeName, type DocName, type Role } from '@mockboard/shared'
import type { Limits } from '../config.js'
import type { Metrics } from '../metrics.js'
import { TokenBucket } from './RateLimiter.js'
import type { Socket } from './Socket.js'

/** One socket's view of one document: who it is, what it may do, what it owns in awareness. */
export class Peer {
  /** Cleared by each ping, set by each pong; a peer still false at the next ping is dead. */
  alive = true
  closed = false
  /** Awareness client ids this socket introduced; removed when it closes. */
  readonly awarenessIds = new Set<number>()
  private readonly messages: TokenBucket
  private readonly bytes: TokenBucket

  constructor(
    readonly socket: Socket,
    readonly sessionId: string,
    readonly doc: DocName,
    readonly role: Role,
    readonly access: Access,
    limits: Limits,
    private readonly metrics: Metrics,
  ) {
    this.messages = new TokenBucket(limits.messagesPerSecond, limits.messagesPerSecond * 2)
    this.bytes = new TokenBucket(limits.bytesPerSecond, Math.max(limits.bytesPerSecond * 2, limits.maxMessageBytes))
  }

  get canWrite(): boolean {
    return this.access === 'write'
  }

  /** Charges one frame against the rate limits; false (and closed) when over. */
  admit(size: number): boolean {
    this.metrics.messagesIn.inc()
    this.metrics.bytesIn.inc(size)
    if (this.messages.take(1) && this.bytes.take(size)) return true
    this.close('rateLimited')
    return false
  }

  send(data: Uint8Array): void {
    if (this.closed || !this.socket.isOpen) return
    this.socket.send(data)
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
