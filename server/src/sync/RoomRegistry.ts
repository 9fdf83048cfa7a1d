import { accessFor, type DocName, type Role } from '@mockboard/shared'
import type { Logger } from 'pino'

import type { Limits } from '../config.js'
import type { Metrics } from '../metrics.js'
import type { Storage } from '../storage/Storage.js'
import { BoardRecordCheck } from './BoardRecordCheck.js'
import { startHeartbeat } from './heartbeat.js'
import { Peer } from './Peer.js'
import { Room, type RoomOptions } from './Room.js'
import type { Socket } from './Socket.js'

export interface RegistryOptions {
  storage: Storage
  metrics: Metrics
  logger: Logger
  limits: Limits
  snapshotEvery: number
  pingIntervalMs: number
  fanout?: RoomOptions['fanout']
  onChange?: RoomOptions['onChange']
}

/** A connection handed over by the transport: its socket and the verified token's claims. */
export interface Connection {
  /** Feed every frame the socket receives, from the moment it opens. */
  receive(data: Uint8Array): void
  /** Call once when the socket closes. */
  closed(): void
  /** Call on every pong. */
  pong(): void
}

/**
 * Loaded rooms of this instance. Concurrent joins share one load; a room is unloaded only after
 * its last peer left and its writes were flushed, so no accepted update is lost.
 */
export class RoomRegistry {
  private readonly rooms = new Map<string, Room>()
  private readonly loading = new Map<string, Promise<Room>>()
  private readonly socketsPerSession = new Map<string, number>()
  private sockets = 0
  /** Built on the first board room: building tldraw's schema takes ~0.1 s. */
  private recordCheck: BoardRecordCheck | null = null
  private readonly endedSessions = new Set<string>()
  private readonly pinger: NodeJS.Timeout
  private readonly stopHeartbeat: () => void

  constructor(private readonly options: RegistryOptions) {
    this.pinger = setInterval(() => this.pingAll(), options.pingIntervalMs)
    this.pinger.unref()
    this.stopHeartbeat = startHeartbeat(() => this.allPeers())
  }

  get roomCount(): number {
    return this.rooms.size
  }

  /** Whether `role` may open `doc` at all (reading or writing). */
  canOpen(role: Role, doc: DocName): boolean {
    return accessFor(doc, role) !== 'none'
  }

  /** Accepts a socket whose token was verified. Frames that arrive while the room loads are queued. */
  connect(socket: Socket, sessionId: string, doc: DocName, role: Role, ended: boolean): Connection {
    const { limits, metrics, logger } = this.options
    const peer = new Peer(socket, sessionId, doc, role, accessFor(doc, role), limits, metrics, logger)
    // Counted across the session's three docs: the cap is on sockets, not on sockets per doc.
    const count = (this.socketsPerSession.get(sessionId) ?? 0) + 1
    this.socketsPerSession.set(sessionId, count)
    this.sockets++
    metrics.sockets.inc()
    if (ended) this.endedSessions.add(sessionId)
    let room: Room | null = null
    const queue: Uint8Array[] = []
    let gone = false
    const connection: Connection = {
      receive: (data) => {
        if (peer.closed || !peer.admit(data)) return
        if (room) room.receive(peer, data)
        else queue.push(data)
      },
      closed: () => {
        if (gone) return
        gone = true
        peer.closed = true
        const left = (this.socketsPerSession.get(sessionId) ?? 1) - 1
        if (left > 0) this.socketsPerSession.set(sessionId, left)
        else this.socketsPerSession.delete(sessionId)
        this.sockets--
        metrics.sockets.dec()
        if (room) {
          room.leave(peer)
          this.maybeUnload(room)
        }
      },
      pong: () => {
        peer.alive = true
      },
    }
    if (this.sockets > limits.maxSockets) {
      peer.close('serverFull')
      return connection
    }
    if (count > limits.maxSocketsPerSession) {
      peer.close('sessionFull')
      return connection
    }
    const key = `${sessionId}/${doc}`
    if (
      !this.rooms.has(key) &&
      !this.loading.has(key) &&
      this.rooms.size + this.loading.size >= limits.maxRooms
    ) {
      peer.close('serverFull')
      return connection
    }
    this.room(sessionId, doc).then(
      (loaded) => {
        if (peer.closed) {
          this.maybeUnload(loaded)
          return
        }
        room = loaded
        loaded.join(peer)
        for (const data of queue.splice(0)) if (!peer.closed) loaded.receive(peer, data)
      },
      (err) => {
        this.options.logger.error({ err, sessionId, doc }, 'room failed to load')
        peer.socket.close(1011, 'internal error')
      },
    )
    return connection
  }

  /** Marks a session ended: its rooms refuse every further write. */
  markEnded(sessionId: string): void {
    this.endedSessions.add(sessionId)
    for (const room of this.rooms.values()) if (room.options.sessionId === sessionId) room.ended = true
  }

  /** The loaded room, if any (tests and the replay endpoint read live state through it). */
  peek(sessionId: string, doc: DocName): Room | undefined {
    return this.rooms.get(`${sessionId}/${doc}`)
  }

  /** Closes every socket with `code`, waits for all writes, unloads every room. */
  async shutdown(code = 1001, reason = 'server shutting down'): Promise<void> {
    clearInterval(this.pinger)
    this.stopHeartbeat()
    await Promise.allSettled(this.loading.values())
    const rooms = [...this.rooms.values()]
    for (const room of rooms)
      for (const peer of room.peers) if (peer.socket.isOpen) peer.socket.close(code, reason)
    await Promise.all(rooms.map((r) => r.flush()))
    this.rooms.clear()
    await Promise.all(rooms.map((r) => r.destroy()))
    this.options.metrics.rooms.set(0)
  }

  private room(sessionId: string, doc: DocName): Promise<Room> {
    const key = `${sessionId}/${doc}`
    const loaded = this.rooms.get(key)
    if (loaded) return Promise.resolve(loaded)
    const pending = this.loading.get(key)
    if (pending) return pending
    const { storage, metrics, logger, snapshotEvery, onChange, fanout, limits } = this.options
    const load = Room.load({
      sessionId,
      doc,
      storage,
      metrics,
      logger,
      snapshotEvery,
      limits,
      records: (this.recordCheck ??= new BoardRecordCheck()),
      onChange,
      fanout,
      ended: this.endedSessions.has(sessionId),
      onBroken: (room) => this.drop(room),
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

  private maybeUnload(room: Room): void {
    if (room.peers.size > 0) return
    void room.flush().then(() => {
      // Someone may have joined while the writes drained.
      if (room.peers.size > 0 || this.rooms.get(room.key) !== room) return
      this.rooms.delete(room.key)
      this.options.metrics.rooms.set(this.rooms.size)
      return room.destroy()
    })
  }

  /** A room whose storage failed: disconnect everyone so clients resync against a fresh load. */
  private drop(room: Room): void {
    if (this.rooms.get(room.key) === room) this.rooms.delete(room.key)
    this.options.metrics.rooms.set(this.rooms.size)
    for (const peer of room.peers) peer.socket.close(1011, 'storage error')
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
