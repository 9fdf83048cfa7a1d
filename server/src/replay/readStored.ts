import type { DocName } from '@mockboard/shared'

import { type Storage, storedParts } from '../storage/Storage.js'
import type { DocWorkerPool } from './DocWorkerPool.js'

/** A document as stored now: its snapshot and the updates after it, in apply order. */
export async function loadParts(storage: Storage, sessionId: string, doc: DocName): Promise<Uint8Array[]> {
  return storedParts(await storage.loadDoc(sessionId, doc))
}

/**
 * The update that rebuilds `doc` as it was at `at`: every update stored at or before `at`, none
 * after, from the nearest earlier snapshot plus the tail (never the whole log), merged on a worker.
 */
export async function stateAt(
  storage: Storage,
  workers: DocWorkerPool,
  sessionId: string,
  doc: DocName,
  at: number,
): Promise<Uint8Array> {
  const parts = storedParts(await storage.loadDocAt(sessionId, doc, at))
  // A lone snapshot or update is its own answer: no merge to move off the event loop.
  if (parts.length === 1) return parts[0]!
  return workers.run({ type: 'merge', parts })
}
