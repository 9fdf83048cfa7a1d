import type { DocName } from '@mockboard/shared'
import type { Logger } from 'pino'
import * as Y from 'yjs'

import type { Limits } from '../config.js'
import type { Fanout } from '../fanout/Fanout.js'
import { decodeFanout, encodeFanout } from '../fanout/messages.js'
import type { Metrics } from '../metrics.js'
import { compact } from '../storage/compact.js'
import { type Storage, storedParts } from '../storage/Storage.js'
import type { BoardRecordCheck } from './BoardRecordCheck.js'
import { encodeIntegrated, pendingBytes } from './encodeIntegrated.js'
import { LogSize } from './LogSize.js'
import {
  decodeMessage,
  EMPTY_UPDATE,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeSyncStep2Raw,
  encodeUpdate,
  isEmptyStateVector,
} from './messages.js'
import type { Peer } from './Peer.js'
import { Presence } from './Presence.js'
import { SeqTracker } from './SeqTracker.js'
import { UpdateGate } from './UpdateGate.js'

export interface RoomOptions {
  sessionId: string
  doc: DocName
  storage: Storage
  metrics: Metrics
  logger: Logger
  snapshotEvery: number
  limits: Limits
  /** Checks board records; built once per app. */
  records: BoardRecordCheck
  /** The session has ended: every write is refused from then on. */
  ended: boolean
  /** Other instances serving the same document, if this deployment has several. */
  fanout?: { bus: Fanout; instanceId: string }
  /** Called after the document changed, by a local (stored) or remote update. */
  onChange?: (room: Room) => void
  /** Called when the room can no longer guarantee durability and must be dropped. */
  onBroken: (room: Room) => void
}

/** Origin of updates that another instance already stored: relay them, never store them again. */
const REMOTE = Symbol('remote')
/** How long a gap in the seqs heard from other instances may last before storage is asked. */
const CATCH_UP_MS = 250
/** How long a loaded room waits for a first joiner to serve from stored bytes before decoding. */
const INTEGRATE_AFTER_MS = 50

/**
 * One loaded document of a session. Every update is applied, appended to storage and only then
 * relayed (encoded once, never echoed to its sender). Appends never overlap: each waits for the
 * previous one, so this instance's relay order is the log's order.
 */
export class Room {
  private readonly ydoc = new Y.Doc()
  readonly peers = new Set<Peer>()
  readonly presence: Presence
  ended: boolean
  private readonly seqs = new SeqTracker()
  private log = new LogSize(0, 0, 0, 0)
  private readonly gate: UpdateGate
  private writes: Promise<void> = Promise.resolve()
  private broken = false
  private catchUpTimer: NodeJS.Timeout | null = null
  /**
   * The stored snapshot and tail, until they are applied to `ydoc`. A first client with an empty
   * doc is sent these bytes as they are, so a cold join costs no decoding before its first sync.
   */
  private stored: Uint8Array[] | null = null
  /** Peers that joined before `ydoc` was built: they still need the server's sync step 1. */
  private readonly awaitingStep1: Peer[] = []

  private constructor(readonly options: RoomOptions) {
    this.ended = options.ended
    this.gate = new UpdateGate(options.doc, options.limits, options.doc === 'board' ? options.records : null)
    const { fanout } = options
    this.presence = new Presence(this.ydoc, {
      limits: options.limits,
      peers: this.peers,
      broadcast: (message, except) => this.broadcast(message, except),
      publish: fanout
        ? (update) =>
            fanout.bus.publish(
              this.channel,
              encodeFanout({ type: 'awareness', origin: fanout.instanceId, update }),
            )
        : null,
    })
  }

  get key(): string {
    return `${this.options.sessionId}/${this.options.doc}`
  }

  private get channel(): string {
    return `mockboard:${this.key}`
  }

  /** Rebuilds the document from the latest snapshot and the updates after it. */
  static async load(options: RoomOptions): Promise<Room> {
    const room = new Room(options)
    // Listen to other instances before reading storage, so nothing falls between the two.
    const early: Uint8Array[] = []
    let loaded = false
    if (options.fanout) {
      await options.fanout.bus.subscribe(room.channel, (m) => (loaded ? room.onFanout(m) : early.push(m)))
    }
    const stored = await options.storage.loadDoc(options.sessionId, options.doc)
    const logBytes = await options.storage.logBytes(options.sessionId, options.doc)
    room.stored = storedParts(stored)
    const last = stored.tail.at(-1) ?? stored.snapshot
    room.seqs.reset(last?.seq ?? 0)
    const tailBytes = stored.tail.reduce((sum, u) => sum + u.data.byteLength, 0)
    room.log = new LogSize(logBytes, stored.tail.length, tailBytes, stored.snapshot?.data.byteLength ?? 0)
    loaded = true
    for (const m of early) room.onFanout(m)
    // A long tail (say after a crash) would slow every later load: fold it now.
    if (room.log.snapshotDue(options.snapshotEvery) && last) {
      room.log.snapshotted(await compact(options.storage, options.sessionId, options.doc, last.at))
    }
    // Build the doc once the first joiner was served from the stored bytes (or soon anyway).
    setTimeout(() => room.integrate(), INTEGRATE_AFTER_MS).unref()
    return room
  }

  /** Applies the stored bytes to `ydoc` (once); from then on the doc is the source of truth. */
  private integrate(): void {
    const parts = this.stored
    if (!parts) return
    this.stored = null
    this.ydoc.transact(() => {
      for (const part of parts) Y.applyUpdate(this.ydoc, part)
    })
    this.ydoc.on('update', this.onUpdate)
    for (const peer of this.awaitingStep1.splice(0)) peer.send(encodeSyncStep1(this.ydoc))
  }

  join(peer: Peer): void {
    this.peers.add(peer)
    if (this.stored) this.awaitingStep1.push(peer)
    else peer.send(encodeSyncStep1(this.ydoc))
    this.presence.join(peer)
  }

  leave(peer: Peer): void {
    if (!this.peers.delete(peer)) return
    this.presence.leave(peer)
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
    // Each answer to sync step 1 encodes the whole doc: a client gets one per connection (a stock
    // provider sends exactly one; its resync option is a reconnect here).
    if (message.type === 'syncStep1' && peer.step1s++ > 0) {
      peer.close('malformed')
      return
    }
    if (this.stored && message.type === 'syncStep1' && isEmptyStateVector(message.stateVector)) {
      // The tail goes first (the client holds it as pending), the snapshot last in sync step 2:
      // when the client counts itself synced it has everything.
      const [snapshot, ...tail] = this.stored
      for (const update of tail) peer.sendSync(encodeUpdate(update))
      peer.sendSync(encodeSyncStep2Raw(snapshot ?? EMPTY_UPDATE))
      setImmediate(() => this.integrate())
      return
    }
    this.integrate()
    switch (message.type) {
      case 'syncStep1':
        try {
          peer.sendSync(encodeSyncStep2(this.ydoc, message.stateVector))
        } catch {
          peer.close('malformed')
        }
        return
      case 'syncStep2':
      case 'update':
        return this.write(peer, message.update)
      case 'awareness':
        return this.presence.receive(peer, message.update)
      case 'queryAwareness':
        return this.presence.query(peer)
      case 'auth':
        return
    }
  }

  /** Applies a peer's update unless the gate refuses it; onUpdate then stores and relays it. */
  private write(peer: Peer, update: Uint8Array): void {
    const { metrics, logger, doc, limits } = this.options
    // The coach keeps scoring after the end: only the private doc stays writable.
    if (!peer.canWrite || (this.ended && doc !== 'private')) {
      metrics.updatesDropped.inc()
      return
    }
    const refusal = this.gate.refusal(this.ydoc, update, this.log.stored, peer)
    if (refusal) {
      metrics.updatesRefused.inc({ reason: refusal.reason })
      logger.info(
        {
          room: this.key,
          role: peer.role,
          reason: refusal.reason,
          detail: refusal.detail,
          size: update.byteLength,
        },
        'update refused',
      )
      peer.close(refusal.close)
      return
    }
    try {
      Y.applyUpdate(this.ydoc, update, peer)
    } catch (err) {
      logger.debug({ err, room: this.key }, 'update failed to apply')
      peer.close('malformed')
      return
    }
    // The gate's reading of dependencies should have caught this; never let pending grow unbounded.
    if (pendingBytes(this.ydoc) > limits.maxPendingBytes) {
      logger.warn({ room: this.key, role: peer.role }, 'pending bytes over the limit after an update')
      peer.close('malformed')
    }
  }

  /** Resolves once every update received so far is stored. */
  flush(): Promise<void> {
    return this.writes
  }

  /** The live document (built from storage on first use). */
  get doc(): Y.Doc {
    this.integrate()
    return this.ydoc
  }

  async destroy(): Promise<void> {
    if (this.catchUpTimer) clearTimeout(this.catchUpTimer)
    this.stored = null
    this.ydoc.off('update', this.onUpdate)
    this.presence.destroy()
    this.ydoc.destroy()
    if (this.options.fanout) await this.options.fanout.bus.unsubscribe(this.channel).catch(() => {})
  }

  private readonly onUpdate = (update: Uint8Array, origin: unknown): void => {
    const message = encodeUpdate(update)
    if (origin === REMOTE) {
      this.broadcast(message, null)
      this.options.onChange?.(this)
      return
    }
    const { storage, sessionId, doc, metrics, snapshotEvery, fanout } = this.options
    const received = Date.now()
    // Alone on its store, this room sees every update in log order, so its memory right now holds
    // exactly the updates up to this one: a snapshot costs one encode. With other instances
    // appending too, only the stored log can say that (see compact()).
    this.log.appended(update.byteLength)
    const takeSnapshot = this.log.snapshotDue(snapshotEvery)
    const snapshot = takeSnapshot && !fanout ? encodeIntegrated(this.ydoc) : null
    if (takeSnapshot) this.log.snapshotted(snapshot ? snapshot.byteLength : null)
    this.writes = this.writes.then(async () => {
      if (this.broken) return
      try {
        const end = metrics.storageWrite.startTimer()
        const { seq, at } = await storage.appendUpdate(sessionId, doc, update, received)
        end()
        metrics.updatesStored.inc()
        this.seqs.mark(seq)
        if (fanout)
          fanout.bus.publish(
            this.channel,
            encodeFanout({ type: 'update', origin: fanout.instanceId, seq, update }),
          )
        this.broadcast(message, origin)
        this.options.onChange?.(this)
        if (snapshot) await storage.saveSnapshot(sessionId, doc, { seq, at, data: snapshot })
        else if (takeSnapshot) this.log.snapshotBuilt(await compact(storage, sessionId, doc, at))
      } catch (err) {
        this.broken = true
        this.options.logger.error({ err, room: this.key }, 'storage write failed; dropping room')
        this.options.onBroken(this)
      }
    })
  }

  private onFanout(data: Uint8Array): void {
    let message
    try {
      message = decodeFanout(data)
    } catch (err) {
      this.options.logger.warn({ err, room: this.key }, 'undecodable fanout message')
      return
    }
    if (message.origin === this.options.fanout?.instanceId) return
    if (message.type === 'awareness') {
      this.presence.applyRemote(message.update)
      return
    }
    this.integrate()
    this.log.appendedElsewhere(message.update.byteLength)
    Y.applyUpdate(this.ydoc, message.update, REMOTE)
    this.seqs.mark(message.seq)
    if (this.seqs.hasGap) this.scheduleCatchUp()
  }

  /** A message between instances went missing: read what we lack from storage. */
  private scheduleCatchUp(): void {
    if (this.catchUpTimer) return
    this.catchUpTimer = setTimeout(() => {
      this.catchUpTimer = null
      if (!this.seqs.hasGap) return
      const { storage, sessionId, doc } = this.options
      storage.updatesAfter(sessionId, doc, this.seqs.contiguous).then(
        (missed) => {
          this.integrate()
          for (const u of missed) {
            Y.applyUpdate(this.ydoc, u.data, REMOTE)
            this.seqs.mark(u.seq)
          }
        },
        (err) => this.options.logger.warn({ err, room: this.key }, 'catch-up from storage failed'),
      )
    }, CATCH_UP_MS)
  }

  private broadcast(message: Uint8Array, except: unknown): void {
    for (const peer of this.peers) if (peer !== except) peer.send(message)
  }
}
