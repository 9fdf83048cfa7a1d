import {
  BoardKeys,
  type CloseCodeName,
  type DocName,
  estimateInputsProblem,
  type Role,
} from '@mockboard/shared'
import * as Y from 'yjs'

import type { Limits } from '../config.js'
import type { BoardRecordCheck } from './BoardRecordCheck.js'
import { inspectUpdate } from './inspectUpdate.js'
import { forgetRead } from './readUpdateV1.js'
import type { ShapeNesting } from './ShapeNesting.js'
import { updateCost } from './updateCost.js'
import { type PendingStructs, withPending } from './withPending.js'

/** The work a sender may still ask of this server. */
export interface WorkBudget {
  /** Takes `units` of work from the sender's budget; false when it has not that much left. */
  spend(units: number): boolean
}

/** Who sent an update, as far as the gate cares: its budget, and the role its token gives it. */
export interface Sender extends WorkBudget {
  readonly role: Role
}

/** Why an update was refused: the metric label, the close code its sender gets, and a log detail. */
export interface Refusal {
  reason:
    | 'docFull'
    | 'malformed'
    | 'tooManyStructs'
    | 'tooDeep'
    | 'overBudget'
    | 'missingDependencies'
    | 'invalidRecord'
    | 'foreignClient'
  close: CloseCodeName
  detail?: string
}

/** Refusals that structs waiting as pending can bring on the update read with them. */
const PENDING_MAY_CAUSE: ReadonlySet<Refusal['reason']> = new Set([
  'malformed',
  'tooDeep',
  'invalidRecord',
  'missingDependencies',
])

const NO_WRITERS: ReadonlyMap<number, unknown> = new Map()

/** Claims past which those that hold nothing are pruned (see UpdateGate.prune). */
const LOOSE_CLAIMS = 256
/** Claims that hold nothing kept per role when pruning: its latest page loads' ids. */
const LOOSE_PER_ROLE = 64

/** The update's work was charged by the first check. */
const ALREADY_CHARGED: WorkBudget = { spend: () => true }

/**
 * Decides, before an update touches the live doc, whether it may be applied, stored and relayed.
 * Yjs cannot take an update back, so everything is checked on the encoded bytes: the document's
 * size cap, dependencies the doc lacks (Yjs would keep them as pending forever), and on the board
 * every record the update writes (only those: an edit costs what it touches, not the board's size)
 * and every capacity-estimates object.
 * Control and private docs are written by the interviewer alone and are bounded by the size cap.
 *
 * Every client id is written by one role. Yjs trusts the id a struct names: structs sent under
 * someone else's id at their next clocks would be kept, and that client's own edit at those clocks
 * dropped as a copy, on the server and every peer, while its author goes on seeing it. So an id
 * belongs to the role that introduced it, in its awareness (a y-websocket client announces its
 * doc's id on connecting, before it can edit) or with its first structs; other roles' updates
 * with new structs under it are refused. Structs that only wait (pending) claim too: completed by
 * the id's real author, a valid record parked at its next clock but one would take that clock
 * from the author's own following edit, the loss this rule is for. Several tabs of one role share
 * their ids, and a client reconnecting keeps its own. The claims outlive the room (its registry
 * keeps them, see RoomRegistry). The role of an id with structs is recorded in storage with the
 * update that introduces it, no later than it (lastWriters, toRecord), and a room loading reads
 * them (restore): after a restart, or on another instance, the ids in the log keep their roles.
 * Storage's record is the first and wins: an append under an id recorded for another role fails
 * (the room is dropped and reloads), and restored roles overrule claims made here. Ids announced
 * before any structs are recorded too (Storage.recordAnnounced, a bounded number per document).
 * Updates relayed from another instance are applied without this gate (that instance's checked
 * them), their writers' roles overruling claims here as storage's do (Room.applyRemote); relayed
 * presence claims its ids for the role that sent it, where unclaimed; updates read back from
 * storage after a lost message are preceded by the roles recorded for the doc (FanoutBridge's
 * catch-up, Room.noneOverruled).
 */
export class UpdateGate {
  /** The writers of the update being checked. */
  private writers: ReadonlyMap<number, unknown> = NO_WRITERS
  /** The client ids the last update let through has new structs under (see lastWriters). */
  private passed: readonly number[] = []
  /** Ids with structs in the doc whose role storage has (or is being given): bounded by the doc. */
  private readonly recorded = new Set<number>()
  /** What the store's pending structs become once the update checked with them passes (see withPending). */
  private keptPending: PendingStructs = null
  /** Whether that update leaves something waiting (pending). */
  private parks = false
  /** Bytes of updates each role parked since nothing was pending: each role has its own allowance. */
  private readonly pendingBy = new Map<Role, number>()
  /** Claims past which those of ids that neither have structs nor a live awareness state go. */
  private pruneAt = LOOSE_CLAIMS

  constructor(
    private readonly doc: DocName,
    private readonly limits: Pick<
      Limits,
      'maxDocBytes' | 'maxPendingBytes' | 'maxUpdateStructs' | 'maxTypeDepth'
    >,
    private readonly records: BoardRecordCheck | null,
    /** The board's shapes' nesting (board only: where the records are). */
    private readonly nesting: ShapeNesting | null = null,
    /** Who writes under each client id that has written or been announced in this document. */
    private readonly owners = new Map<number, Role>(),
    /** Whether a connected client announces `client` in its awareness now. */
    private readonly announced: (client: number) => boolean = () => false,
  ) {}

  /**
   * The client ids the last update that passed has new structs under, all its role's: another
   * instance applying it claims the same (and only those: structs the doc already had are read
   * from the doc, never checked, see inspectUpdate); and the room records their roles in storage
   * (see toRecord).
   */
  get lastWriters(): readonly number[] {
    return this.passed
  }

  /** The role that writes under `client`, if one claimed it. */
  ownerOf(client: number): Role | undefined {
    return this.owners.get(client)
  }

  /** Gives each of `clients` to `role` unless another role has it (awareness ids, as filterAwareness let them through). */
  claim(ydoc: Y.Doc, clients: ReadonlySet<number> | ReadonlyMap<number, unknown>, role: Role): void {
    // Room first, so that the ids claimed now (no structs yet) are not let go of at once.
    if (this.owners.size + clients.size > this.pruneAt) this.prune(ydoc)
    for (const client of clients.keys()) if (!this.owners.has(client)) this.owners.set(client, role)
  }

  /**
   * The role another instance's gate let write under `clients` (a relayed update's writers): as
   * storage's roles do (that instance's append would have failed otherwise), it overrules claims
   * here. Not counted as recorded: some may be ids whose structs only wait there. Returns the ids
   * whose claim it overruled.
   */
  overrule(ydoc: Y.Doc, clients: readonly number[], role: Role): number[] {
    if (this.owners.size + clients.length > this.pruneAt) this.prune(ydoc)
    const overruled: number[] = []
    for (const client of clients) {
      const owner = this.owners.get(client)
      if (owner === role) continue
      if (owner !== undefined) overruled.push(client)
      this.owners.set(client, role)
    }
    return overruled
  }

  /**
   * Of `writers`, the ids with structs in the doc whose role storage has not been given yet: the
   * room records them (ids whose structs only wait are not: pending structs are never stored, and
   * the update that completes them writes under the same id). Counted as recorded from now on:
   * a record that fails fails its update's append, and the room that made it is dropped.
   */
  toRecord(ydoc: Y.Doc, writers: readonly number[]): number[] {
    const ids = writers.filter((client) => !this.recorded.has(client) && Y.getState(ydoc.store, client) > 0)
    for (const client of ids) this.recorded.add(client)
    return ids
  }

  /**
   * The roles recorded in storage for ids with structs in the log: a room loading, or catching up
   * with updates another instance stored (nothing is pruned now: what is restored is bounded by
   * the log). Storage wins: its record is the role whose structs came first under the id. A claim
   * here that differs was made while this instance lacked those structs (a message between
   * instances lost, a room loaded from an older record): returns those ids, whose structs or
   * parked structs here may be the other role's.
   */
  restore(recorded: ReadonlyMap<number, Role>): number[] {
    const overruled: number[] = []
    for (const [client, role] of recorded) {
      const owner = this.owners.get(client)
      if (owner !== role) {
        if (owner !== undefined) overruled.push(client)
        this.owners.set(client, role)
      }
      this.recorded.add(client)
    }
    this.pruneAt = Math.max(this.pruneAt, 2 * this.owners.size)
    return overruled
  }

  /**
   * Lets go of ids that hold nothing (no structs in the doc, not announced by a connected peer)
   * but each role's LOOSE_PER_ROLE latest. Announcing ids and dropping them, or parking structs under
   * new ids that are dropped later, would otherwise grow the claims without bound; and per role,
   * one role's churn cannot push out the other's ids (a client that announced itself, left before
   * its first edit, and comes back). What stays is bounded by the doc and the sockets. Run when the
   * claims double, so each claim costs O(1) on average.
   */
  private prune(ydoc: Y.Doc): void {
    const loose = new Map<Role, number[]>()
    for (const [client, role] of this.owners) {
      if (Y.getState(ydoc.store, client) > 0 || this.announced(client)) continue
      const ids = loose.get(role)
      if (ids) ids.push(client)
      else loose.set(role, [client])
    }
    // Claimed in order: the oldest go.
    for (const ids of loose.values())
      for (let i = 0; i < ids.length - LOOSE_PER_ROLE; i++) this.owners.delete(ids[i]!)
    this.pruneAt = Math.max(LOOSE_CLAIMS, 2 * this.owners.size)
  }

  /**
   * Whether structs under `role`'s ids wait in the doc (pending). Read only when the role reaches
   * its allowance: the pending update is read whole (at most twice the allowance, see Room).
   * Deletions that wait name no writer and are not counted.
   */
  private waitsFor(ydoc: Y.Doc, role: Role): boolean {
    const pending = ydoc.store.pendingStructs
    if (!pending) return false
    for (const client of Y.parseUpdateMetaV2(pending.update).to.keys())
      if (this.owners.get(client) === role) return true
    return false
  }

  refusal(ydoc: Y.Doc, update: Uint8Array, storedBytes: number, sender: Sender): Refusal | null {
    const store = ydoc.store
    // What the reader kept for the room's apply goes with an update that will not be applied.
    try {
      if (!store.pendingStructs && !store.pendingDs) this.pendingBy.clear()
      let refusal = this.check(ydoc, update, storedBytes, sender, sender.role, true)
      if (refusal === null) store.pendingStructs = this.keptPending
      // Checked with the pending structs it completes, an update answers for them too. Structs may
      // wait under an id nobody claimed yet (a room loaded afresh): when the update passes alone,
      // the pending structs are what failed, and they go instead (never stored nor relayed: what
      // waits is held back). Budget and client-id refusals are the update's own.
      if (refusal && store.pendingStructs && PENDING_MAY_CAUSE.has(refusal.reason)) {
        forgetRead()
        if (this.check(ydoc, update, storedBytes, ALREADY_CHARGED, sender.role, false) === null) {
          store.pendingStructs = null
          refusal = null
        }
      }
      if (refusal) forgetRead()
      else {
        this.claim(ydoc, this.writers, sender.role)
        this.passed = [...this.writers.keys()]
        if (this.parks)
          this.pendingBy.set(sender.role, (this.pendingBy.get(sender.role) ?? 0) + update.byteLength)
      }
      return refusal
    } catch (err) {
      forgetRead()
      throw err
    } finally {
      // Not held past the call: the map carries the update's decoded structs.
      this.writers = NO_WRITERS
    }
  }

  private check(
    ydoc: Y.Doc,
    update: Uint8Array,
    storedBytes: number,
    budget: WorkBudget,
    writer: Role,
    /** Read together with what is pending (false: the update alone). */
    withWaiting: boolean,
  ): Refusal | null {
    if (storedBytes + update.byteLength > this.limits.maxDocBytes)
      return { reason: 'docFull', close: 'docFull' }
    // Counted before anything is decoded: decoding and applying cost time per struct, not per byte.
    let units
    try {
      units = updateCost(update, this.limits.maxUpdateStructs)
    } catch {
      return { reason: 'malformed', close: 'malformed' }
    }
    if (units > this.limits.maxUpdateStructs)
      return {
        reason: 'tooManyStructs',
        close: 'malformed',
        detail: `more than ${this.limits.maxUpdateStructs} structs`,
      }
    if (!budget.spend(units))
      return { reason: 'overBudget', close: 'rateLimited', detail: `${units} structs` }
    let inspection
    /** Whether this update itself waits for something (what is pending already may go on waiting). */
    let missing
    /** Whether it waits for another client's edits (see UpdateInspection.missingOthers). */
    let missingOthers
    try {
      let subject = update
      if (withWaiting) ({ subject, kept: this.keptPending } = withPending(ydoc, update))
      inspection = inspectUpdate(
        ydoc,
        subject,
        this.doc === 'board' && this.records ? [BoardKeys.records, BoardKeys.estimates, BoardKeys.meta] : [],
        this.limits.maxTypeDepth,
      )
      const own = subject === update ? inspection : inspectUpdate(ydoc, update, [])
      missing = own.missing
      missingOthers = own.missingOthers
      this.writers = own.writers
      this.parks = missing
    } catch {
      return { reason: 'malformed', close: 'malformed' }
    }
    for (const client of this.writers.keys()) {
      const owner = this.owners.get(client)
      if (owner !== undefined && owner !== writer)
        return {
          reason: 'foreignClient',
          close: 'malformed',
          detail: `new structs under client ${client}, which the ${owner} writes under`,
        }
    }
    // Parked as pending, it would wait for that client's next edit and be checked with it: an
    // invalid record parked so would get the honest edit refused. Nothing honest waits so.
    if (missingOthers)
      return {
        reason: 'missingDependencies',
        close: 'malformed',
        detail: "waits for another client's edits this server does not have",
      }
    // A few pending bytes are normal (an edit sent just before the reconnect's sync step 2); a
    // pile of them is someone sending updates with made-up dependencies. Counted per role: a pile
    // parked by one role must not get the other's reconnect refused.
    if (missing && (this.pendingBy.get(writer) ?? 0) + update.byteLength > this.limits.maxPendingBytes) {
      // The count starts again when nothing of this role's waits any more: its earlier reconnects
      // completed while the other role's pile stays (otherwise they would add up to the allowance).
      if (update.byteLength > this.limits.maxPendingBytes || this.waitsFor(ydoc, writer))
        return { reason: 'missingDependencies', close: 'malformed' }
      this.pendingBy.delete(writer)
    }
    // Nested types set aside as pending would be placed later, under a parent unknown now.
    if (inspection.missing && inspection.typeDepth > 0)
      return {
        reason: 'tooDeep',
        close: 'malformed',
        detail: 'nested types waiting for missing dependencies',
      }
    // Deleting a type recurses through every level nested in it, inside Yjs' transaction: deep
    // enough, the stack overflows half-way and the room must be reloaded for everyone.
    if (inspection.typeDepth > this.limits.maxTypeDepth)
      return {
        reason: 'tooDeep',
        close: 'malformed',
        detail: `types nested ${inspection.typeDepth} deep (at most ${this.limits.maxTypeDepth})`,
      }
    if (inspection.foreign)
      return {
        reason: 'invalidRecord',
        close: 'malformed',
        detail: 'non-JSON content in records, estimates or meta',
      }
    const records = inspection.inserted.get(BoardKeys.records) ?? []
    const problem =
      this.records?.problem(records) ??
      (inspection.inserted.get(BoardKeys.meta) ?? [])
        .map((v) => this.records?.schemaProblem(v) ?? null)
        .find((p) => p !== null) ??
      (inspection.inserted.get(BoardKeys.estimates) ?? [])
        .map(estimateInputsProblem)
        .find((p) => p !== null) ??
      null
    if (problem) return { reason: 'invalidRecord', close: 'malformed', detail: problem }
    if (this.nesting && records.length > 0) {
      // Entries set aside as pending count as written: they are checked again with what they wait for.
      const removed = inspection.removed.get(BoardKeys.records) ?? []
      const nested = this.nesting.problem(ydoc, records, removed)
      if (nested) return { reason: 'tooDeep', close: 'malformed', detail: nested }
      // Moving a frame walks every shape inside it: a one-entry update can cost thousands of
      // reads. Ten reads (~1 µs each) cost the sender one unit, about what a struct costs to apply.
      const work = Math.floor(this.nesting.lastWork / 10)
      if (work > 0 && !budget.spend(work))
        return { reason: 'overBudget', close: 'rateLimited', detail: `nesting check of ${work} units` }
    }
    return null
  }
}
