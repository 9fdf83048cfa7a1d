import type { DocName, Role } from '@mockboard/shared'
import type { Awareness } from 'y-protocols/awareness'
import type * as Y from 'yjs'

import type { Limits } from '../config.js'
import { MAX_ANNOUNCED_PER_ROLE } from '../storage/Storage.js'
import type { BoardRecordCheck } from './BoardRecordCheck.js'
import { filterAwareness } from './filterAwareness.js'
import type { Peer } from './Peer.js'
import type { SessionLifecycle } from './SessionLifecycle.js'
import { ShapeNesting } from './ShapeNesting.js'
import { type Refusal, UpdateGate } from './UpdateGate.js'

/** 'apply' it; 'drop' it silently (a reader's edit, a write after the end); or refuse it and close the sender. */
export type UpdateVerdict = 'apply' | 'drop' | Refusal

/**
 * What a room lets its peers do, decided outside the room and passed in (as tldraw sync's
 * `filterPush` or hocuspocus' `beforeHandleMessage`). The room keeps the protocol and durability.
 */
export interface RoomPolicy {
  /** Before an update touches the doc (Yjs cannot take one back). */
  update: (peer: Peer, ydoc: Y.Doc, update: Uint8Array, storedBytes: number) => UpdateVerdict
  /** What of an awareness update the peer may say (null: nothing). Throws on bytes that do not decode. */
  awareness: (
    peer: Peer,
    update: Uint8Array,
    awareness: Awareness,
    peers: Iterable<Peer>,
  ) => Uint8Array | null
  /**
   * Client ids another instance let `role` write or announce under (its own gate checked them):
   * claimed here too, so a peer of another role on this instance cannot take them.
   */
  claim: (ydoc: Y.Doc, clients: ReadonlySet<number>, role: Role) => void
  /**
   * The roles storage recorded for the document's client ids (a room loading, a catch-up): they
   * win over claims made here; returns the ids whose claim they overruled (see UpdateGate.restore).
   */
  restore: (recorded: ReadonlyMap<number, Role>) => number[]
  /**
   * A relayed update's writers and the role that wrote them: they overrule claims here; returns
   * the ids overruled (see UpdateGate.overrule).
   */
  overrule: (ydoc: Y.Doc, clients: readonly number[], role: Role) => number[]
  /** The role that writes under a client id here, if one claimed it. */
  ownerOf: (client: number) => Role | undefined
  /** Of an applied update's writers, the ids to record the role of now (see UpdateGate.toRecord). */
  toRecord: (ydoc: Y.Doc, writers: readonly number[]) => number[]
  /** The client ids the last update `update` let through has new structs under. */
  lastWriters: () => readonly number[]
}

export interface DocumentPolicyOptions {
  sessionId: string
  doc: DocName
  limits: Limits
  /** Board records are checked against tldraw's schema; built once per app. */
  records: BoardRecordCheck
  lifecycle: SessionLifecycle
  /** The document's client ids and the roles that write under them (see UpdateGate). */
  owners?: Map<number, Role>
  /**
   * Stores the role of ids a peer of it announced before writing under them
   * (Storage.recordAnnounced): a room loading on another instance, which never heard that
   * presence, knows them then.
   */
  recordAnnounced?: (role: Role, ids: number[]) => void
}

/**
 * Mockboard's rules for one document: the role's access (from the verified token), the session's
 * end, and the hostile-input budgets — update cost, size cap, records and client ids (UpdateGate),
 * awareness ownership (filterAwareness). Outbound bytes are charged where they are sent (Peer).
 */
export function documentPolicy({
  sessionId,
  doc,
  limits,
  records,
  lifecycle,
  owners,
  recordAnnounced,
}: DocumentPolicyOptions): RoomPolicy {
  const board = doc === 'board'
  /** The room's peers, known from its first awareness update (none before: nothing announced). */
  let announcers: Iterable<Peer> = []
  /** Announced ids given to recordAnnounced, by role: each once per room, no more than storage keeps. */
  const sentAnnounced = new Map<Role, Set<number>>()
  const gate = new UpdateGate(
    doc,
    limits,
    board ? records : null,
    board ? new ShapeNesting(limits.maxShapeDepth) : null,
    owners,
    // Announced: held by a connected peer, whether or not its state was applied (a y-websocket
    // client's first, empty state has clock 0, which nobody applies).
    (client) => {
      for (const peer of announcers) if (peer.awarenessIds.has(client)) return true
      return false
    },
  )
  return {
    update: (peer, ydoc, update, storedBytes) => {
      // The coach keeps scoring after the end: only the private doc stays writable.
      if (!peer.canWrite || (doc !== 'private' && lifecycle.isEnded(sessionId))) return 'drop'
      return gate.refusal(ydoc, update, storedBytes, peer) ?? 'apply'
    },
    awareness: (peer, update, awareness, peers) => {
      announcers = peers
      const kept = filterAwareness(update, peer, awareness, peers, limits, (id) => gate.ownerOf(id))
      // The ids a connection may speak for in awareness are its doc's: its role writes under them.
      gate.claim(awareness.doc, peer.awarenessIds, peer.role)
      // Observers never write: their ids need no record.
      if (recordAnnounced && peer.role !== 'observer') {
        const sent = sentAnnounced.get(peer.role) ?? new Set<number>()
        sentAnnounced.set(peer.role, sent)
        const fresh: number[] = []
        for (const id of peer.awarenessIds)
          if (!sent.has(id) && gate.ownerOf(id) === peer.role && sent.size < MAX_ANNOUNCED_PER_ROLE) {
            sent.add(id)
            fresh.push(id)
          }
        if (fresh.length > 0) recordAnnounced(peer.role, fresh)
      }
      return kept
    },
    claim: (ydoc, clients, role) => gate.claim(ydoc, clients, role),
    ownerOf: (client) => gate.ownerOf(client),
    overrule: (ydoc, clients, role) => gate.overrule(ydoc, clients, role),
    lastWriters: () => gate.lastWriters,
    restore: (recorded) => gate.restore(recorded),
    toRecord: (ydoc, writers) => gate.toRecord(ydoc, writers),
  }
}
