import type { Logger } from 'pino'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as Y from 'yjs'
import type { DocName } from '@mockboard/shared'
import type { Metrics } from '../metrics.js'
import type { Storage } from '../storage/Storage.js'
import { decodeMessage, encodeAwareness, encodeSyncStep1, encodeSyncStep2, encodeUpdate } from './messages.js'
import { Peer } from './Peer.js'

export interface RoomOptions {
  sessionId: string
  doc: DocName
  storage: Storage
  metrics: Metrics
  logger: Logger
  snapshotEvery: number
  /** The session has ended: every write is refused from then on. */
  ended: boolean
  /** Called after an update is stored, before it is relayed (e.g. to watch the control doc). */
  onStored?: (room: Room, update: Uint8Array, origin: unknown) => void
  /** Called when the room can no longer guarantee durability and must be dropped. */
  onBroken: (room: Room) => void
}

/**
 * One loaded document of a session. Every update is applied, appended to storage and only then
 * relayed (encoded once, never echoed to its sender). Appends never overlap: each waits for the
 * previous one, so the log's order is the relay order.
 */
export class Room {
  readonly ydoc = new Y.Doc()
  readonly awareness = new awarenessProtocol.Awareness(this.ydoc)
  readonly peers = new Set<Peer>()
  ended: boolean
  private seq = 0
  private lastAt = 0
  private sinceSnapshot = 0
  private writes: Promise<void> = Promise.resolve()
  private broken = false

  private constructor(readonly options: RoomOptions) {
    this.ended = options.ended
    this.awareness.setLocalState(null)
    this.ydoc.on('update', this.onUpdate)
    this.awareness.on('update', this.onAwareness)
  }

  get key(): string {
    return `${this.options.sessionId}/${this.options.doc}`
  }

  /** Rebuilds the document from the latest snapshot and the updates after it. */
  static async load(options: RoomOptions): Promise<Room> {
    const room = new Room(options)
    const stored = await options.storage.loadDoc(options.sessionId, options.doc)
    const updates = stored.tail.map((u) => u.data)
    if (stored.snapshot) updates.unshift(stored.snapshot.data)
    room.ydoc.off('update', room.onUpdate)
    if (updates.length > 0) Y.applyUpdate(room.ydoc, updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates))
    room.ydoc.on('update', room.onUpdate)
    const last = stored.tail.at(-1) ?? stored.snapshot
    room.seq = last?.seq ?? 0
    room.lastAt = last?.at ?? 0
    room.sinceSnapshot = stored.tail.length
    // A long tail (say after a crash) would slow every later load: fold it now.
    if (stored.tail.length >= options.snapshotEvery && last) {
      await options.storage.saveSnapshot(options.sessionId, options.doc, { seq: last.seq, at: last.at, data: Y.encodeStateAsUpdate(room.ydoc) })
      room.sinceSnapshot = 0
    }
    return room
  }

  join(peer: Peer): void {
    this.peers.add(peer)
    peer.send(encodeSyncStep1(this.ydoc))
    const states = [...this.awareness.getStates().keys()]
    if (states.length > 0) peer.send(encodeAwareness(this.awareness, states))
  }

  leave(peer: Peer): void {
    if (!this.peers.delete(peer)) return
    if (peer.awarenessIds.size > 0) awarenessProtocol.removeAwarenessStates(this.awareness, [...peer.awarenessIds], null)
  }

  receive(peer: Peer, data: Uint8Array): void {
    let message
    try {
      message = decodeMessage(data)
    } catch (err) {
      this.options.logger.debug({ err, room: this.key }, 'malformed frame')
      peer.close('malformed')
      return
    }
    switch (message.type) {
      case 'syncStep1':
        try {
          peer.send(encodeSyncStep2(this.ydoc, message.stateVector))
        } catch {
          peer.close('malformed')
        }
        return
      case 'syncStep2':
      case 'update':
        if (!peer.canWrite || this.ended) {
          this.options.metrics.updatesDropped.inc()
          return
        }
        try {
          Y.applyUpdate(this.ydoc, message.update, peer)
        } catch (err) {
          this.options.logger.debug({ err, room: this.key }, 'update failed to apply')
          peer.close('malformed')
        }
        return
      case 'awareness':
        try {
          awarenessProtocol.applyAwarenessUpdate(this.awareness, message.update, peer)
        } catch {
          peer.close('malformed')
        }
        return
      case 'queryAwareness':
        peer.send(encodeAwareness(this.awareness, [...this.awareness.getStates().keys()]))
        return
      case 'auth':
        return
    }
  }

  /** Resolves once every update received so far is stored. */
  flush(): Promise<void> {
    return this.writes
  }

  destroy(): void {
    this.ydoc.off('update', this.onUpdate)
    this.awareness.off('update', this.onAwareness)
    this.awareness.destroy()
    this.ydoc.destroy()
  }

  private readonly onUpdate = (update: Uint8Array, origin: unknown): void => {
    const { storage, sessionId, doc, metrics, snapshotEvery } = this.options
    const at = Math.max(Date.now(), this.lastAt)
    const seq = ++this.seq
    this.lastAt = at
    // Snapshot now, while the doc holds exactly the updates up to `seq`: replay needs that.
    const snapshot = ++this.sinceSnapshot >= snapshotEvery ? Y.encodeStateAsUpdate(this.ydoc) : null
    if (snapshot) this.sinceSnapshot = 0
    const message = encodeUpdate(update)
    this.writes = this.writes.then(async () => {
      if (this.broken) return
      try {
        const end = metrics.storageWrite.startTimer()
        await storage.appendUpdate(sessionId, doc, { seq, at, data: update })
        end()
        metrics.updatesStored.inc()
        this.options.onStored?.(this, update, origin)
        this.broadcast(message, origin)
        if (snapshot) await storage.saveSnapshot(sessionId, doc, { seq, at, data: snapshot })
      } catch (err) {
        this.broken = true
        this.options.logger.error({ err, room: this.key }, 'storage write failed; dropping room')
        this.options.onBroken(this)
      }
    })
  }

  private readonly onAwareness = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    if (origin instanceof Peer) {
      for (const id of added) origin.awarenessIds.add(id)
      for (const id of removed) origin.awarenessIds.delete(id)
    }
    const message = encodeAwareness(this.awareness, [...added, ...updated, ...removed])
    this.broadcast(message, origin)
  }

  private broadcast(message: Uint8Array, except: unknown): void {
    for (const peer of this.peers) if (peer !== except) peer.send(message)
  }
}

