import type { DocName, Role } from '@mockboard/shared'
import type { Logger } from 'pino'

import type { Storage } from '../storage/Storage.js'
import type { Fanout } from './Fanout.js'
import { decodeFanout, encodeFanout } from './messages.js'
import { SeqTracker } from './SeqTracker.js'

export interface FanoutBridgeOptions {
  bus: Fanout
  instanceId: string
  sessionId: string
  doc: DocName
  storage: Storage
  logger: Logger
  /**
   * An update another instance stored: heard on the bus, with the role that wrote it and the client
   * ids its gate let that role write under, where a peer did; or read back from storage after a
   * gap, without.
   */
  onRemoteUpdate: (update: Uint8Array, role?: Role, writers?: readonly number[]) => void
  /**
   * The roles storage holds for the document's client ids, read after updates it lost on the bus
   * and before they are applied: the ids those updates introduce keep their roles here too. False:
   * apply nothing (the room is dropped).
   */
  onRecordedRoles: (recorded: ReadonlyMap<number, Role>) => boolean
  /** An awareness update another instance relayed (already filtered there). */
  onRemoteAwareness: (update: Uint8Array) => void
  /** An audio signal frame another instance relayed for member `to` ('' = every member). */
  onRemoteSignal: (to: string, frame: Uint8Array) => void
}

/** How long a gap in the seqs heard from other instances may last before storage is asked. */
const CATCH_UP_MS = 250
/** The longest wait after failed reads (each failure doubles it): an outage is not read 4 times a second. */
const CATCH_UP_MAX_MS = 8_000

/**
 * One document's link to the other instances serving it: publishes what this instance stored or
 * relayed, applies what they did, and notices a lost message by the gap it leaves in the log's seqs
 * (Redis pub/sub is not a store of record), reading what is missing back from storage.
 */
export class FanoutBridge {
  private readonly seqs = new SeqTracker()
  private catchUpTimer: NodeJS.Timeout | null = null
  private catchUpWait = CATCH_UP_MS
  /** Messages heard before the room read storage: applied once it knows where the log ends. */
  private early: Uint8Array[] | null = []
  private closed = false

  constructor(private readonly options: FanoutBridgeOptions) {}

  private get channel(): string {
    return `mockboard:${this.options.sessionId}/${this.options.doc}`
  }

  /** Starts listening; call before reading storage, so nothing falls between the two. */
  async open(): Promise<void> {
    await this.options.bus.subscribe(this.channel, (m) => (this.early ? this.early.push(m) : this.receive(m)))
  }

  /** The room loaded the log up to `seq`: messages heard meanwhile are applied now. */
  loaded(seq: number): void {
    this.seqs.reset(seq)
    const early = this.early ?? []
    this.early = null
    for (const m of early) this.receive(m)
  }

  /** This instance stored `update` as `seq` (a peer of `role` wrote it under `writers`): tell the others. */
  stored(seq: number, update: Uint8Array, role?: Role, writers?: readonly number[]): void {
    this.seqs.mark(seq)
    // Another instance's update below it was not heard (yet): without this, one lost message
    // would stay missing here until the next message from another instance.
    if (this.seqs.hasGap) this.scheduleCatchUp()
    const { bus, instanceId } = this.options
    bus.publish(
      this.channel,
      encodeFanout({
        type: 'update',
        origin: instanceId,
        seq,
        update,
        role,
        writers: writers && [...writers],
      }),
    )
  }

  publishAwareness(update: Uint8Array): void {
    const { bus, instanceId } = this.options
    bus.publish(this.channel, encodeFanout({ type: 'awareness', origin: instanceId, update }))
  }

  publishSignal(to: string, frame: Uint8Array): void {
    const { bus, instanceId } = this.options
    bus.publish(this.channel, encodeFanout({ type: 'signal', origin: instanceId, to, frame }))
  }

  async close(): Promise<void> {
    this.closed = true
    if (this.catchUpTimer) clearTimeout(this.catchUpTimer)
    this.early = null
    await this.options.bus.unsubscribe(this.channel).catch(() => {})
  }

  private receive(data: Uint8Array): void {
    let message
    try {
      message = decodeFanout(data)
    } catch (err) {
      this.options.logger.warn({ err, channel: this.channel }, 'undecodable fanout message')
      return
    }
    if (message.origin === this.options.instanceId) return
    if (message.type === 'awareness') {
      this.options.onRemoteAwareness(message.update)
      return
    }
    if (message.type === 'signal') {
      this.options.onRemoteSignal(message.to, message.frame)
      return
    }
    this.options.onRemoteUpdate(message.update, message.role, message.writers)
    this.seqs.mark(message.seq)
    if (this.seqs.hasGap) this.scheduleCatchUp()
  }

  /** A message between instances went missing: read what we lack from storage. */
  private scheduleCatchUp(): void {
    if (this.catchUpTimer) return
    // Storage is read for a seq missing all that time, not for any gap there is then: in a busy
    // room another instance's next message is often a few milliseconds behind our own append.
    const missing = this.seqs.contiguous + 1
    this.catchUpTimer = setTimeout(() => {
      this.catchUpTimer = null
      if (this.seqs.has(missing)) {
        if (this.seqs.hasGap) this.scheduleCatchUp()
        return
      }
      const { storage, sessionId, doc, logger } = this.options
      const catchUp = async () => {
        const missed = (await storage.updatesAfter(sessionId, doc, this.seqs.contiguous)).filter(
          (u) => !this.seqs.has(u.seq),
        )
        this.catchUpWait = CATCH_UP_MS
        if (missed.length === 0 || this.closed) return
        // Read after the updates: the roles of the ids they introduce were stored with them.
        const roles = await storage.loadClientIds(sessionId, doc)
        if (this.closed || !this.options.onRecordedRoles(roles)) return
        for (const u of missed) {
          if (this.seqs.has(u.seq)) continue
          this.options.onRemoteUpdate(u.data)
          this.seqs.mark(u.seq)
        }
      }
      catchUp().catch((err: unknown) => {
        // Storage unreachable for a moment: try again after a longer wait, or the gap would stay
        // until the next message or append.
        logger.warn({ err, channel: this.channel }, 'catch-up from storage failed')
        this.catchUpWait = Math.min(2 * this.catchUpWait, CATCH_UP_MAX_MS)
        if (!this.closed && this.seqs.hasGap) this.scheduleCatchUp()
      })
    }, this.catchUpWait)
  }
}
