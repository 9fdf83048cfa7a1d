import * as Y from 'yjs'

/**
 * The doc's state as an update, leaving out what Yjs holds as pending (structs or deletions whose
 * dependencies never arrived). Those were never part of a stored update, so a joiner or a snapshot
 * given them would hold what the log does not. Yjs has no option for it: the pending parts are set
 * aside for the (synchronous) encode and put back.
 */
export function encodeIntegrated(doc: Y.Doc, stateVector?: Uint8Array): Uint8Array {
  const store = doc.store
  const { pendingStructs, pendingDs } = store
  if (!pendingStructs && !pendingDs) return Y.encodeStateAsUpdate(doc, stateVector)
  store.pendingStructs = null
  store.pendingDs = null
  try {
    return Y.encodeStateAsUpdate(doc, stateVector)
  } finally {
    store.pendingStructs = pendingStructs
    store.pendingDs = pendingDs
  }
}

/** Bytes Yjs holds as pending for `doc`. */
export function pendingBytes(doc: Y.Doc): number {
  return (doc.store.pendingStructs?.update.byteLength ?? 0) + (doc.store.pendingDs?.byteLength ?? 0)
}
