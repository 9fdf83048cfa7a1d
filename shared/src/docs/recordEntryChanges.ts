import * as Y from 'yjs'

import { isRecordEntry, type RecordEntry } from './boardDoc.js'

/**
 * The entries of the records array a finished transaction added (and kept) or deleted, read from
 * the transaction itself: not from the array event's `changes`, which Yjs computes by walking the
 * whole array, tombstones included, on every update (a cost that grows with the session).
 * Added and deleted in the same transaction: neither, as Yjs's own `changes` reports it.
 */
export function recordEntryChanges(
  tr: Y.Transaction,
  records: Y.Array<unknown>,
  added: RecordEntry[],
  deleted: RecordEntry[],
): void {
  if (!tr.changed.has(records as never)) return
  const entriesOf = (struct: Y.Item | Y.GC, into: RecordEntry[]) => {
    // A map entry set on the array's type (`parentSub`) is no element of the array: no reader of
    // the board (tldraw's, the room's) sees it, so neither does the replay.
    if (!(struct instanceof Y.Item) || struct.parent !== records || struct.parentSub !== null) return
    for (const e of struct.content.getContent()) if (isRecordEntry(e)) into.push(e)
  }
  for (const [client, after] of tr.afterState) {
    const before = tr.beforeState.get(client) ?? 0
    if (after <= before) continue
    const structs = tr.doc.store.clients.get(client)!
    for (let i = Y.findIndexSS(structs, before); i < structs.length; i++) {
      const struct = structs[i]!
      if (struct.id.clock >= after) break
      if (!struct.deleted) entriesOf(struct, added)
    }
  }
  Y.iterateDeletedStructs(tr, tr.deleteSet, (struct) => {
    if (struct.id.clock < (tr.beforeState.get(struct.id.client) ?? 0)) entriesOf(struct, deleted)
  })
}
