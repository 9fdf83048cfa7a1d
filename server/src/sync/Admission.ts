import { accessFor, CloseCode, type CloseCodeName, CloseReason, isDocName } from '@mockboard/shared'
import type { Logger } from 'pino'

import type { Limits } from '../config.js'
import type { Metrics } from '../metrics.js'
import { SessionDeletedError } from '../storage/DeletedSessions.js'
import type { Storage } from '../storage/Storage.js'
import type { TokenSigner } from '../tokens.js'
import { stillIssued } from '../workspace/stillIssued.js'
import { Peer } from './Peer.js'
import type { Room } from './Room.js'
import type { RoomRegistry } from './RoomRegistry.js'
import type { SessionLifecycle } from './SessionLifecycle.js'
import type { Socket } from './Socket.js'

export interface AdmissionOptions {
  registry: RoomRegistry
  lifecycle: SessionLifecycle
  signer: TokenSigner
  storage: Storage
  limits: Limits
  metrics: Metrics
  logger: Logger
}

/** What the upgrade request named, unchecked. */
export interface AdmissionRequest {
  sessionId: string
  doc: string
  token: string | undefined
}

/** A socket being admitted, then served: the transport feeds it every event from the moment it opens. */
export interface Connection {
  receive(data: Uint8Array): void
  /** Call once when the socket closes. */
  closed(): void
  /** Call on every pong. */
  pong(): void
}

/** Frames a client may send before its room is ready (a stock client sends a handful). */
const MAX_EARLY_FRAMES = 256

/**
 * The one step between a socket and a room: verifies the token once, looks the session up, decides
 * the role's access to the document, applies the server's socket and room caps, and yields a `Peer`
 * carrying those rights. Frames that arrive meanwhile wait in one queue, bounded in frames and bytes,
 * and go through the peer's rate limits once it exists.
 */
export class Admission {
  constructor(private readonly options: AdmissionOptions) {}

  open(socket: Socket, request: AdmissionRequest): Connection {
    const { limits, metrics } = this.options
    // Frames may be as large as a first sync step 2: bound what waits in bytes too.
    const maxEarlyBytes = Math.max(limits.maxFirstSyncBytes, limits.maxMessageBytes)
    const state = { peer: null as Peer | null, room: null as Room | null, gone: false, refused: false }
    let early: Uint8Array[] | null = []
    let earlyBytes = 0
    const refuse = (name: CloseCodeName) => {
      state.refused = true
      early = null
      metrics.closes.inc({ reason: name })
      if (socket.isOpen) socket.close(CloseCode[name], CloseReason[name])
    }
    const connection: Connection = {
      receive: (data) => {
        const { peer, room } = state
        if (state.refused || state.gone) return
        // Any frame proves the client alive: a busy client's pong can sit behind its own updates.
        if (peer) peer.alive = true
        if (!early) {
          if (peer && room && !peer.closed && peer.admit(data)) room.receive(peer, data)
          return
        }
        earlyBytes += data.byteLength
        if (early.length < MAX_EARLY_FRAMES && earlyBytes <= maxEarlyBytes) early.push(data)
        else if (peer) peer.close('rateLimited')
        else refuse('rateLimited')
      },
      closed: () => {
        if (state.gone) return
        state.gone = true
        early = null
        if (state.peer) this.options.registry.leave(state.peer, state.room)
      },
      pong: () => {
        if (state.peer) state.peer.alive = true
      },
    }
    this.admit(socket, request, () => state.gone).then(
      (peer) => {
        if (peer === null) return
        if (typeof peer === 'string') return refuse(peer)
        state.peer = peer
        // The token and session checked out: only now is the client's data read (see routes/sync.ts).
        socket.resume()
        if (state.gone) {
          this.options.registry.leave(peer, null)
          return
        }
        this.options.registry.room(request.sessionId, peer.doc).then(
          (room) => {
            if (state.gone) {
              this.options.registry.leave(peer, room)
              return
            }
            state.room = room
            room.join(peer)
            const queued = early ?? []
            early = null
            for (const data of queued) if (!peer.closed && peer.admit(data)) room.receive(peer, data)
          },
          (err: unknown) => {
            if (err instanceof SessionDeletedError) return peer.close('sessionDeleted')
            this.options.logger.error(
              { err, sessionId: request.sessionId, doc: peer.doc },
              'room failed to load',
            )
            peer.close('internalError')
          },
        )
      },
      (err: unknown) => {
        this.options.logger.error({ err }, 'session lookup failed')
        refuse('internalError')
      },
    )
    return connection
  }

  /** The checks, in order: a peer with its rights, the reason to refuse, or null when the socket went away. */
  private async admit(
    socket: Socket,
    { sessionId, doc, token }: AdmissionRequest,
    gone: () => boolean,
  ): Promise<Peer | CloseCodeName | null> {
    const { signer, storage, lifecycle, registry, limits, metrics, logger } = this.options
    const claims = signer.verify(token)
    if (!claims || claims.sessionId !== sessionId) return 'badToken'
    if (!isDocName(doc)) return 'notFound'
    const session = await storage.getSession(sessionId)
    if (gone()) return null
    if (!session) return 'notFound'
    if (!(await stillIssued(storage, claims, session))) return 'badToken'
    if (gone()) return null
    lifecycle.recorded(sessionId, session.endedAt)
    const access = accessFor(doc, claims.role)
    if (access === 'none') return 'forbidden'
    return (
      registry.enter(sessionId, doc) ??
      new Peer(socket, sessionId, doc, claims.role, access, limits, metrics, logger, claims.keyTag)
    )
  }
}
