import * as Y from 'yjs'

/**
 * A stored document's parts (its snapshot, then the updates after it) as one Yjs update. Yjs
 * merges them itself: no knowledge of its binary format here. CPU-heavy on a big document, so
 * the server calls this in a DocWorkerPool worker, never on the event loop.
 */
export function mergeParts(parts: readonly Uint8Array[]): Uint8Array {
  if (parts.length === 0) return Y.encodeStateAsUpdate(new Y.Doc())
  if (parts.length === 1) return parts[0]!
  return Y.mergeUpdates([...parts])
}

/** A stored document's parts applied in order to a fresh Y.Doc (one transaction: observers fire once). */
export function docOfParts(parts: readonly Uint8Array[]): Y.Doc {
  const doc = new Y.Doc()
  doc.transact(() => {
    for (const part of parts) Y.applyUpdate(doc, part)
  })
  return doc
}
