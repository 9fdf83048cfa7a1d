import type { DocName } from '@mockboard/shared'
import * as Y from 'yjs'

import { type Storage, type StoredDoc, storedParts } from '../storage/Storage.js'
import { layoutOf, spliceUpdates } from './splice.js'

/**
 * One Yjs update equal to the stored snapshot plus its tail: spliced byte-wise when every
 * author's clocks run on (the usual case, ~10× faster), else merged by Yjs.
 */
export function mergeStored(stored: StoredDoc): Uint8Array {
  const parts = storedParts(stored)
  if (parts.length === 0) return Y.encodeStateAsUpdate(new Y.Doc())
  if (parts.length === 1) return parts[0]!
  return spliceUpdates(parts.map(layoutOf)) ?? Y.mergeUpdates(parts)
}

/**
 * The update that rebuilds `doc` as it was at `at`: every update stored at or before `at`, none
 * after. Built from the nearest earlier snapshot plus the tail, never the whole log.
 */
export async function stateAt(
  storage: Storage,
  sessionId: string,
  doc: DocName,
  at: number,
): Promise<Uint8Array> {
  return mergeStored(await storage.loadDocAt(sessionId, doc, at))
}

/** The document as it is now, as a Y.Doc (from storage: writes are stored before they are seen). */
export async function loadYDoc(
  storage: Storage,
  sessionId: string,
  doc: DocName,
  at = Number.MAX_SAFE_INTEGER,
): Promise<Y.Doc> {
  const ydoc = new Y.Doc()
  Y.applyUpdate(ydoc, await stateAt(storage, sessionId, doc, at))
  return ydoc
}
