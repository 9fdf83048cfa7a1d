import {
  CloseCode,
  type CloseCodeName,
  CloseReason,
  DOC_NAMES,
  type DocName,
  type Role,
} from '@mockboard/shared'
import type { Logger } from 'pino'

import type { Limits } from '../config.js'
import type { Metrics } from '../metrics.js'
import { type DeletedSessions, SessionDeletedError } from '../storage/DeletedSessions.js'
import type { Storage } from '../storage/Storage.js'
import { BoardRecordCheck } from './BoardRecordCheck.js'
import { CameraRecorder } from './CameraRecorder.js'
import { startHeartbeat } from './heartbeat.js'
import { startOutboundBudget } from './outboundBudget.js'
import type { Peer } from './Peer.js'
import { Room, type RoomOptions } from './Room.js'
import { documentPolicy } from './RoomPolicy.js'
import type { SessionLifecycle } from './SessionLifecycle.js'

/** Documents whose client ids' owners are kept after their rooms unload (each as its room left it, see UpdateGate.prune). */
const MAX_OWNED_DOCS = 20_000

export interface RegistryOptions {
  storage: Storage
  /** Sessions being deleted: their rooms are never loaded again and their writes are refused. */
  deleted: DeletedSessions
  metrics: Metrics
  logger: Logger
  limits: Limits
  snapshotEvery: number
  pingIntervalMs: number
  lifecycle: SessionLifecycle
  fanout?: RoomOptions['fanout']
  /** The session's timer or rubric changed (control or private doc): workspace summaries follow it. */
  onTimerOrRubricChange?: (sessionId: string) => void
  /** Audio signalling limits (the control rooms carry the signalling). */
  signalling: NonNullable<RoomOptions['signalling']>
}

/**
 * Loaded rooms of this instance and the sockets they serve. Concurrent joins share one load; a
 * room is unloaded only after its last peer left and its writes were flushed, so no accepted
 * update is lost.
 */
export class RoomRegistry {
  private readonly rooms = new Map<string, Room>()
  private readonly loading = new Map<string, Promise<Room>>()
  private readonly socketsPerSession = new Map<string, number>()
  private sockets = 0
  /** Built with the registry: building tldraw's schema takes ~0.1 s, which a first join should not wait for. */
  private readonly recordCheck = new BoardRecordCheck()
  private readonly pinger: NodeJS.Timeout
  private readonly stopHeartbeat: () => void
  private readonly stopOutboundBudget: () => void
  /**
   * Each document's client ids and the roles that write under them, kept when its room unloads:
   * a room that empties for a moment (both sides dropped) must not let the first comer claim the
   * others' ids. The least recently loaded go past MAX_OWNED_DOCS.
   */
  private readonly owners = new Map<string, Map<number, Role>>()

  constructor(private readonly options: RegistryOptions) {
    this.pinger = setInterval(() => this.pingAll(), options.pingIntervalMs)
    this.pinger.unref()
    this.stopHeartbeat = startHeartbeat(() => this.allPeers())
    this.stopOutboundBudget = startOutboundBudget(() => this.allPeers(), options.limits.maxBufferedTotal)
  }

  get roomCount(): number {
    return this.rooms.size
  }

  /**
   * Counts one more socket for `doc` of `sessionId`, or says which cap it would pass (then it is
   * not counted). Every socket counted here is handed back once through `leave`.
   */
  enter(sessionId: string, doc: DocName): CloseCodeName | null {
    const { limits, metrics } = this.options
    if (this.sockets >= limits.maxSockets) return 'serverFull'
    // Counted across the session's three docs: the cap is on sockets, not on sockets per doc.
    const count = this.socketsPerSession.get(sessionId) ?? 0
    if (count >= limits.maxSocketsPerSession) return 'sessionFull'
    const key = `${sessionId}/${doc}`
    if (
      !this.rooms.has(key) &&
      !this.loading.has(key) &&
      this.rooms.size + this.loading.size >= limits.maxRooms
    )
      return 'serverFull'
    this.socketsPerSession.set(sessionId, count + 1)
    this.sockets++
    metrics.sockets.inc()
    return null
  }

  /** The socket of a peer counted by `enter` closed; `room` is the one it joined, if any. */
  leave(peer: Peer, room: Room | null): void {
    peer.closed = true
    const left = (this.socketsPerSession.get(peer.sessionId) ?? 1) - 1
    if (left > 0) this.socketsPerSession.set(peer.sessionId, left)
    else this.socketsPerSession.delete(peer.sessionId)
    this.sockets--
    this.options.metrics.sockets.dec()
    if (!room) return
    room.leave(peer)
    this.maybeUnload(room)
  }

  /** The loaded room, if any (tests and the replay endpoint read live state through it). */
  peek(sessionId: string, doc: DocName): Room | undefined {
    return this.rooms.get(`${sessionId}/${doc}`)
  }

  /** Closes every socket with `code`, waits for all writes, unloads every room. */
  async shutdown(code: number = CloseCode.goingAway, reason = CloseReason.goingAway): Promise<void> {
    clearInterval(this.pinger)
    this.stopHeartbeat()
    this.stopOutboundBudget()
    await Promise.allSettled(this.loading.values())
    const rooms = [...this.rooms.values()]
    for (const room of rooms)
      for (const peer of room.peers) if (peer.socket.isOpen) peer.socket.close(code, reason)
    await Promise.all(rooms.map((r) => r.flush()))
    this.rooms.clear()
    await Promise.all(rooms.map((r) => r.destroy()))
    this.options.metrics.rooms.set(0)
  }

  /**
   * A session is being deleted (here or, heard over the fan-out, on another instance): its writes
   * are refused from now on, its rooms are never loaded again, the loaded ones drop every frame
   * and close their sockets with 4410 sessionDeleted, and they are unloaded. Resolves once every
   * write of the session already on its way to storage settled, so nothing of it lands later.
   */
  async closeSession(sessionId: string): Promise<void> {
    const settled = this.options.deleted.mark(sessionId)
    const keys = DOC_NAMES.map((doc) => `${sessionId}/${doc}`)
    await Promise.allSettled(keys.flatMap((key) => this.loading.get(key) ?? []))
    const rooms = keys.flatMap((key) => this.rooms.get(key) ?? [])
    // Out of the map first: a peer leaving meanwhile then does not unload (destroy) them a second time.
    for (const room of rooms) this.rooms.delete(room.key)
    for (const key of keys) this.owners.delete(key)
    this.options.metrics.rooms.set(this.rooms.size)
    await Promise.all(rooms.map((room) => room.abandon()))
    await Promise.all(rooms.map((room) => room.destroy()))
    await settled
  }

  /**
   * A workspace key was rotated: the sockets that joined with a link listed under it (`keyTag`)
   * close with 4401 badToken, as a new socket with that link is refused.
   */
  closeKeyTag(keyTag: string): void {
    for (const room of this.rooms.values())
      for (const peer of room.peers) if (peer.keyTag === keyTag) peer.close('badToken')
  }

  /** The room of `doc`, loaded once however many join at the same time. */
  room(sessionId: string, doc: DocName): Promise<Room> {
    if (this.options.deleted.has(sessionId)) return Promise.reject(new SessionDeletedError(sessionId))
    const key = `${sessionId}/${doc}`
    const loaded = this.rooms.get(key)
    if (loaded) return Promise.resolve(loaded)
    const pending = this.loading.get(key)
    if (pending) return pending
    const { storage, metrics, logger, snapshotEvery, fanout, limits, lifecycle, signalling } = this.options
    const load = Room.load({
      sessionId,
      doc,
      storage,
      metrics,
      logger,
      snapshotEvery,
      limits,
      policy: documentPolicy({
        sessionId,
        doc,
        limits,
        records: this.recordCheck,
        lifecycle,
        owners: this.ownersOf(key),
        recordAnnounced: (role, ids) => {
          storage
            .recordAnnounced(sessionId, doc, role, ids)
            .catch((err: unknown) => logger.warn({ err, room: key }, 'announced client ids not recorded'))
        },
      }),
      onChange: (changed) => {
        // Only a control doc can end its session (the timer's end action).
        if (doc === 'control') lifecycle.controlChanged(sessionId, changed)
        if (doc !== 'board') this.options.onTimerOrRubricChange?.(sessionId)
      },
      fanout,
      signalling: doc === 'control' ? signalling : undefined,
      onBroken: (room) => this.drop(room),
      cameras:
        doc === 'board'
          ? new CameraRecorder({ sessionId, storage, logger, maxRows: limits.maxCameraRows })
          : undefined,
    })
      .then((room) => {
        this.rooms.set(key, room)
        metrics.rooms.set(this.rooms.size)
        return room
      })
      .finally(() => this.loading.delete(key))
    this.loading.set(key, load)
    return load
  }

  private ownersOf(key: string): Map<number, Role> {
    const owners = this.owners.get(key) ?? new Map<number, Role>()
    this.keepOwners(key, owners)
    return owners
  }

  /**
   * Puts a document's claims last (most recently used), and past MAX_OWNED_DOCS lets go of the
   * first ones whose rooms are not loaded: a loaded room's claims are never forgotten.
   */
  private keepOwners(key: string, owners: Map<number, Role>): void {
    this.owners.delete(key)
    this.owners.set(key, owners)
    if (this.owners.size <= MAX_OWNED_DOCS) return
    for (const old of this.owners.keys()) {
      if (this.rooms.has(old) || this.loading.has(old) || old === key) continue
      this.owners.delete(old)
      return
    }
  }

  private maybeUnload(room: Room): void {
    if (room.peers.size > 0) return
    void room.flush().then(() => {
      // Someone may have joined while the writes drained.
      if (room.peers.size > 0 || this.rooms.get(room.key) !== room) return
      this.rooms.delete(room.key)
      // Its claims stay as the room left them (bounded while it ran, see UpdateGate.prune), the
      // ids announced but never written under included: their clients come back with them.
      const owners = this.owners.get(room.key)
      if (owners) this.keepOwners(room.key, owners)
      this.options.metrics.rooms.set(this.rooms.size)
      return room.destroy()
    })
  }

  /** A room whose storage or doc failed: disconnect everyone so clients resync against a fresh load. */
  private drop(room: Room): void {
    if (this.rooms.get(room.key) === room) this.rooms.delete(room.key)
    this.options.metrics.rooms.set(this.rooms.size)
    for (const peer of room.peers) peer.socket.close(CloseCode.internalError, 'room reloads')
    void room.destroy()
  }

  private *allPeers(): Iterable<Peer> {
    for (const room of this.rooms.values()) yield* room.peers
  }

  private pingAll(): void {
    for (const room of this.rooms.values()) {
      for (const peer of room.peers) {
        if (!peer.alive) {
          peer.socket.terminate()
          continue
        }
        peer.alive = false
        peer.socket.ping()
      }
    }
  }
}
