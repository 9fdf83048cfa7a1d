import * as Y from 'yjs'

/** Yjs' pending structs, as the store holds them. */
export type PendingStructs = Y.Doc['store']['pendingStructs']

/**
 * What applying `update` would integrate: the update itself, and whatever Yjs holds as pending,
 * which it retries once the update is in. Pending structs were read when they arrived, but where
 * they go (their root, their depth) was unknown then; read together with the update that brings
 * their dependencies, they are checked like any other. Pending structs of a client the update
 * sends again are left out (an honest client's sync step 2 repeats the edit it sent too early; a
 * made-up copy of the same clocks would make Yjs fail half-way through applying): `kept` is what
 * the store should hold once the update passes. Nothing is changed here: a refused update must
 * not cost the owner of those structs anything.
 */
export function withPending(ydoc: Y.Doc, update: Uint8Array): { subject: Uint8Array; kept: PendingStructs } {
  const pending = ydoc.store.pendingStructs
  if (!pending) return { subject: update, kept: pending }
  // The clocks the update covers, per client (a client's structs in an update are one run).
  const spans = new Map<number, [from: number, to: number]>()
  for (const s of Y.decodeUpdate(update).structs) {
    const span = spans.get(s.id.client)
    const end = s.id.clock + s.length
    if (span) spans.set(s.id.client, [Math.min(span[0], s.id.clock), Math.max(span[1], end)])
    else spans.set(s.id.client, [s.id.clock, end])
  }
  const repeated = new Map<number, number>()
  for (const h of Y.decodeUpdateV2(pending.update).structs) {
    const span = spans.get(h.id.client)
    if (span && span[0] < h.id.clock + h.length && h.id.clock < span[1])
      repeated.set(h.id.client, Number.MAX_SAFE_INTEGER)
  }
  let kept: PendingStructs = pending
  if (repeated.size > 0) {
    const rest = Y.diffUpdateV2(pending.update, Y.encodeStateVector(repeated))
    kept = hasStructs(rest) ? { ...pending, update: rest } : null
  }
  if (!kept) return { subject: update, kept }
  return { subject: Y.mergeUpdates([Y.convertUpdateFormatV2ToV1(kept.update), update]), kept }
}

const hasStructs = (updateV2: Uint8Array) => Y.decodeUpdateV2(updateV2).structs.length > 0
