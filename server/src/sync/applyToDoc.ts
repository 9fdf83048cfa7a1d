import * as Y from 'yjs'

import { encodeIntegrated } from './encodeIntegrated.js'
import { applyReadUpdate } from './readUpdateV1.js'

/**
 * Applies `update` to `doc` and returns what to store and relay: `update` itself, or null when it
 * changed nothing. A room's doc has no standing 'update' listener on purpose: Yjs would re-encode
 * every transaction for it, and the bytes received already are the update. Where Yjs holds
 * pending parts it may integrate some now, and only its own event says exactly what this
 * transaction added, so it is listened to then.
 */
export function applyToDoc(doc: Y.Doc, update: Uint8Array, origin: unknown): Uint8Array | null {
  const store = doc.store
  if (store.pendingStructs || store.pendingDs)
    return captureChange(doc, () => applyReadUpdate(doc, update, origin), origin)
  let applied: Y.Transaction | null = null
  doc.transact((tr) => {
    applied = tr
    applyReadUpdate(doc, update, origin)
  }, origin)
  const tr = applied as Y.Transaction | null
  if (!tr || !changedState(tr)) return null
  // Part of it was set aside as pending (bounded by the gate): store only what got integrated.
  return store.pendingStructs || store.pendingDs
    ? encodeIntegrated(doc, Y.encodeStateVector(tr.beforeState))
    : update
}

/** Runs `fn` in one transaction on `doc` and returns the update Yjs encodes for it (null: no change). */
export function captureChange(doc: Y.Doc, fn: () => void, origin?: unknown): Uint8Array | null {
  let update: Uint8Array | null = null
  const capture = (u: Uint8Array) => (update = u)
  doc.on('update', capture)
  try {
    doc.transact(fn, origin)
  } finally {
    doc.off('update', capture)
  }
  return update
}

/** Whether a finished transaction added structs or deletions (what Yjs's 'update' event tests). */
function changedState(tr: Y.Transaction): boolean {
  if (tr.deleteSet.clients.size > 0) return true
  for (const [client, clock] of tr.afterState) if (clock !== tr.beforeState.get(client)) return true
  return false
}
