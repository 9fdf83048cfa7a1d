import type { DocName, Role } from '@mockboard/shared'
import type { Logger } from 'pino'
import * as Y from 'yjs'

import type { Limits } from '../config.js'
import type { Fanout } from '../fanout/Fanout.js'
import { FanoutBridge } from '../fanout/FanoutBridge.js'
import type { Metrics } from '../metrics.js'
import { compact } from '../storage/compact.js'
import { type Storage, storedParts } from '../storage/Storage.js'
import { applyToDoc, captureChange } from './applyToDoc.js'
import type { CameraRecorder } from './CameraRecorder.js'
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
import { applyRelayedPresence } from './relayedPresence.js'
import type { RoomPolicy } from './RoomPolicy.js'
import { Signalling, type SignallingOptions } from './Signalling.js'

export interface RoomOptions {
  sessionId: string
  doc: DocName
  storage: Storage
  metrics: Metrics
  logger: Logger
  snapshotEvery: number
  limits: Pick<Limits, 'maxPendingBytes' | 'bytesPerSecond'>
  /** What peers may do: decided outside the room (see RoomPolicy). */
  policy: RoomPolicy
  /** Audio signalling limits: given to the control document only, the one every role opens. */
  signalling?: SignallingOptions['limits']
  /** Other instances serving the same document, if this deployment has several. */
  fanout?: { bus: Fanout; instanceId: string }
  /** Called after the document changed, by a local (stored) or remote update. */
  onChange?: (doc: Y.Doc) => void
  /** Called when the room can no longer guarantee durability (storage or its doc failed) and must be dropped. */
  onBroken: (room: Room) => void
  /** Logs participants' cameras from their presence (the board's rooms). */
  cameras?: CameraRecorder
}

/** Origin of updates that another instance already stored: relay them, never store them again. */
const REMOTE = Symbol('remote')
/** How long a loaded room waits for a first joiner to serve from stored bytes before decoding. */
const INTEGRATE_AFTER_MS = 50

/**
 * One loaded document of a session. Every update is applied, appended to storage and only then
 * relayed (encoded once, never echoed to its sender). Appends never overlap: each waits for the
 * previous one, so this instance's relay order is the log's order.
 */
export class Room {
  private readonly ydoc: Y.Doc
  readonly peers = new Set<Peer>()
  readonly presence: Presence
  private readonly signalling: Signalling | null
  private readonly bridge: FanoutBridge | null
  private log = new LogSize(0, 0, 0, 0)
  private writes: Promise<void> = Promise.resolve()
  private broken = false
  /** The session is being deleted: nothing more is applied, stored or relayed, and no one joins. */
  private abandoned = false
  /**
   * The stored snapshot and tail, until they are applied to `ydoc`. A first client with an empty
   * doc is sent these bytes as they are, so a cold join costs no decoding before its first sync.
   */
  private stored: Uint8Array[] | null = null
  /** Peers that joined before `ydoc` was built: they still need the server's sync step 1. */
  private readonly awaitingStep1: Peer[] = []

  private constructor(readonly options: RoomOptions) {
    // A guid of our own: Yjs would draw a random uuid (31 calls to crypto) for each new doc.
    this.ydoc = new Y.Doc({ guid: `${options.sessionId}/${options.doc}` })
    const { fanout } = options
    this.bridge = fanout
      ? new FanoutBridge({
          ...fanout,
          sessionId: options.sessionId,
          doc: options.doc,
          storage: options.storage,
          logger: options.logger,
          onRemoteUpdate: (update, role, writers) => this.applyRemote(update, role, writers),
          onRecordedRoles: (recorded) => this.noneOverruled(this.options.policy.restore(recorded)),
          onRemoteAwareness: (update) => this.applyRemoteAwareness(update),
          onRemoteSignal: (to, frame) => this.signalling?.applyRemote(to, frame),
        })
      : null
    this.signalling = options.signalling
      ? new Signalling({
          limits: options.signalling,
          publish: this.bridge ? (to, frame) => this.bridge?.publishSignal(to, frame) : null,
        })
      : null
    this.presence = new Presence(this.ydoc, {
      filter: options.policy.awareness,
      peers: this.peers,
      broadcast: (message, except) => this.broadcast(message, except),
      publish: this.bridge ? (update) => this.bridge?.publishAwareness(update) : null,
      observe: options.cameras ? (state) => options.cameras?.observe(state) : undefined,
      joinBytesPerSecond: options.limits.bytesPerSecond,
    })
  }

  get key(): string {
    return `${this.options.sessionId}/${this.options.doc}`
  }

  /** Rebuilds the document from the latest snapshot and the updates after it. */
  static async load(options: RoomOptions): Promise<Room> {
    const room = new Room(options)
    // Listen to other instances before reading storage, so nothing falls between the two.
    await room.bridge?.open()
    const stored = await options.storage.loadDoc(options.sessionId, options.doc)
    // Read after the log: an id in it had its role recorded no later than the update bringing it.
    room.options.policy.restore(await options.storage.loadClientIds(options.sessionId, options.doc))
    const logBytes = await options.storage.logBytes(options.sessionId, options.doc)
    room.stored = storedParts(stored)
    const last = stored.tail.at(-1) ?? stored.snapshot
    const tailBytes = stored.tail.reduce((sum, u) => sum + u.data.byteLength, 0)
    room.log = new LogSize(logBytes, stored.tail.length, tailBytes, stored.snapshot?.data.byteLength ?? 0)
    room.bridge?.loaded(last?.seq ?? 0)
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
    for (const peer of this.awaitingStep1.splice(0)) peer.send(encodeSyncStep1(this.ydoc))
  }

  join(peer: Peer): void {
    if (this.abandoned) {
      peer.close('sessionDeleted')
      return
    }
    this.peers.add(peer)
    if (this.stored) this.awaitingStep1.push(peer)
    else peer.send(encodeSyncStep1(this.ydoc))
    this.presence.join(peer)
  }

  leave(peer: Peer): void {
    if (!this.peers.delete(peer)) return
    this.presence.leave(peer)
    this.signalling?.leave(peer)
  }

  receive(peer: Peer, data: Uint8Array): void {
    // A closing socket still delivers what it had received: a deleted session's frames are dropped.
    if (this.abandoned) return
    let message
    try {
      message = decodeMessage(data)
    } catch (err) {
      this.options.logger.debug({ err, room: this.key }, 'malformed frame')
      peer.close('malformed')
      return
    }
    if (message.type === 'signal') {
      if (this.signalling) this.signalling.receive(peer, message.text, data.byteLength)
      else peer.close('badSignal')
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

  /** Applies a peer's update unless the policy says otherwise; onUpdate then stores and relays it. */
  private write(peer: Peer, update: Uint8Array): void {
    const { metrics, logger, limits } = this.options
    const refusal = this.options.policy.update(peer, this.ydoc, update, this.log.stored)
    if (refusal === 'drop') {
      metrics.updatesDropped.inc()
      return
    }
    if (refusal !== 'apply') {
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
    let accepted
    try {
      accepted = applyToDoc(this.ydoc, update, peer)
    } catch (err) {
      // Yjs may throw half-way (a stack overflow deleting deeply nested types) and leave the doc
      // unable to emit updates: edits after it would be neither stored nor relayed. Nothing of
      // this update was stored; once what was accepted before it is, reload the room from storage
      // (its clients reconnect and send what the server lacks).
      logger.warn({ err, room: this.key, role: peer.role }, 'update failed to apply; reloading the room')
      peer.close('malformed')
      void this.writes.then(() => this.options.onBroken(this))
      return
    }
    // The gate's reading of dependencies should have caught this; never let pending grow unbounded.
    // Each writing role (interviewer, candidate) has an allowance of its own there.
    if (pendingBytes(this.ydoc) > 2 * limits.maxPendingBytes) {
      logger.warn({ room: this.key, role: peer.role }, 'pending bytes over the limit after an update')
      peer.close('malformed')
      // Dropped, not kept: each reconnect could park as much again.
      this.ydoc.store.pendingStructs = null
      this.ydoc.store.pendingDs = null
    }
    if (accepted) this.store(accepted, peer, this.options.policy.lastWriters())
  }

  /**
   * A change the server makes itself (the next round's address in the control doc): applied,
   * stored and relayed to every peer like a peer's update. Resolves once it is stored.
   */
  change(fn: (doc: Y.Doc) => void): Promise<void> {
    if (this.abandoned) return this.writes
    this.integrate()
    const update = captureChange(this.ydoc, () => fn(this.ydoc))
    if (update) this.store(update, null)
    return this.writes
  }

  /**
   * The session is being deleted: its peers are closed with 4410 sessionDeleted, frames still
   * arriving are dropped, updates not yet on their way to storage are never sent there, camera
   * samples not yet written are discarded. Resolves once the writes already started settled.
   */
  abandon(): Promise<void> {
    this.abandoned = true
    for (const peer of this.peers) peer.close('sessionDeleted')
    this.options.cameras?.discard()
    return this.writes
  }

  /** Resolves once every update received so far is stored. */
  flush(): Promise<void> {
    return this.writes
  }

  /** The live document (built from storage on first use), to read: the server writes through change(). */
  get doc(): Y.Doc {
    this.integrate()
    return this.ydoc
  }

  async destroy(): Promise<void> {
    this.stored = null
    this.presence.destroy()
    this.ydoc.destroy()
    await Promise.all([this.bridge?.close(), this.options.cameras?.close()])
  }

  /** Stores an applied update, then relays it to every peer but its sender (in log order). */
  /** `writers`: the client ids the gate let the peer's role write under in it. */
  private store(update: Uint8Array, origin: Peer | null, writers: readonly number[] = []): void {
    const message = encodeUpdate(update)
    const { storage, sessionId, doc, metrics, snapshotEvery } = this.options
    const received = Date.now()
    // Alone on its store, this room sees every update in log order, so its memory right now holds
    // exactly the updates up to this one: a snapshot costs one encode. With other instances
    // appending too, only the stored log can say that (see compact()).
    this.log.appended(update.byteLength)
    const takeSnapshot = this.log.snapshotDue(snapshotEvery)
    const snapshot = takeSnapshot && !this.bridge ? encodeIntegrated(this.ydoc) : null
    if (takeSnapshot) this.log.snapshotted(snapshot ? snapshot.byteLength : null)
    // Where the store numbers appends as they are made, this one goes now rather than after the
    // previous commit: a busy room's updates then share commits. Relays stay in log order (the chain).
    // Not startTimer(): its end() merges label objects on every update; there are none here.
    const started = performance.now()
    // The role of each id this update brings its first structs into the doc under is stored
    // with it (ids whose structs only wait are not).
    const toRecord = origin ? this.options.policy.toRecord(this.ydoc, writers) : []
    const clientIds =
      origin && toRecord.length > 0 ? toRecord.map((c) => [c, origin.role] as const) : undefined
    const early = storage.ordersAppends
      ? storage.appendUpdate(sessionId, doc, update, received, clientIds)
      : null
    early?.catch(() => {}) // handled in the chain; a broken room never awaits it
    this.writes = this.writes.then(async () => {
      if (this.broken || (this.abandoned && !early)) return
      try {
        const { seq, at } = await (early ?? storage.appendUpdate(sessionId, doc, update, received, clientIds))
        if (this.abandoned) return
        metrics.storageWrite.observe((performance.now() - started) / 1000)
        metrics.updatesStored.inc()
        this.bridge?.stored(seq, update, origin?.role, writers)
        this.broadcast(message, origin)
        this.options.onChange?.(this.ydoc)
        if (snapshot) await storage.saveSnapshot(sessionId, doc, { seq, at, data: snapshot })
        else if (takeSnapshot) this.log.snapshotBuilt(await compact(storage, sessionId, doc, at))
      } catch (err) {
        if (this.abandoned) return
        this.broken = true
        this.options.logger.error({ err, room: this.key }, 'storage write failed; dropping room')
        this.options.onBroken(this)
      }
    })
  }

  /**
   * An update another instance stored: applied and relayed here, never stored again. The client
   * ids that instance's gate let its role write under are that role's in storage (its append
   * would have failed otherwise), so here too, as a catch-up's roles: a claim here for another
   * role drops the room unapplied (see noneOverruled).
   */
  private applyRemote(update: Uint8Array, role?: Role, writers?: readonly number[]): void {
    if (
      role &&
      writers &&
      writers.length > 0 &&
      !this.noneOverruled(this.options.policy.overrule(this.ydoc, writers, role))
    )
      return
    this.integrate()
    this.log.appendedElsewhere(update.byteLength)
    const applied = applyToDoc(this.ydoc, update, REMOTE)
    if (!applied) return
    this.broadcast(encodeUpdate(applied), null)
    this.options.onChange?.(this.ydoc)
  }

  /**
   * After roles read from storage (a catch-up, before the updates this instance missed) or a
   * relayed update's writers: true when they overruled no claim made here; else a peer here wrote
   * (or parked structs) under an id whose first structs, another role's, this instance did not
   * have yet, and the room is dropped unapplied. It reloads from the log, where those first
   * structs come first, and the peer's next write under the id is refused.
   */
  private noneOverruled(overruled: readonly number[]): boolean {
    if (overruled.length === 0) return true
    this.broken = true
    this.options.logger.warn(
      { room: this.key, overruled },
      'a client id was claimed here for the wrong role; dropping room',
    )
    this.options.onBroken(this)
    return false
  }

  /** Presence another instance relayed (see applyRelayedPresence). */
  private applyRemoteAwareness(relayed: Uint8Array): void {
    try {
      applyRelayedPresence(relayed, this.presence, this.options.policy, this.ydoc)
    } catch (err) {
      this.options.logger.warn({ err, room: this.key }, 'undecodable relayed presence')
    }
  }

  private broadcast(message: Uint8Array, except: unknown): void {
    for (const peer of this.peers) if (peer !== except) peer.send(message)
  }
}
