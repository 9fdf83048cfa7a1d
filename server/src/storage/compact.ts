import type { DocName } from '@mockboard/shared'
import * as Y from 'yjs'

import { type Storage, storedParts } from './Storage.js'

/**
 * Folds the log up to time `at` into a new snapshot, built from what is stored (not from a room's
 * memory, which on a multi-instance deployment may lag the log). The snapshot is labelled with the
 * last seq at or before `at`, so it holds exactly the updates a replay of `at` must show.
 * Resolves with the new snapshot's size (null when there was nothing to fold).
 */
export async function compact(
  storage: Storage,
  sessionId: string,
  doc: DocName,
  at: number,
): Promise<number | null> {
  const stored = await storage.loadDocAt(sessionId, doc, at)
  const last = stored.tail.at(-1)
  if (!last) return null
  const ydoc = new Y.Doc({ guid: `${sessionId}/${doc}` })
  // Applying into a doc (rather than merging updates) lets Yjs drop deleted content.
  ydoc.transact(() => {
    for (const part of storedParts(stored)) Y.applyUpdate(ydoc, part)
  })
  const data = Y.encodeStateAsUpdate(ydoc)
  await storage.saveSnapshot(sessionId, doc, { seq: last.seq, at: last.at, data })
  ydoc.destroy()
  return data.byteLength
}
