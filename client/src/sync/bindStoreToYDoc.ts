import {
  BOARD_SCHEMA_KEY,
  boardMeta,
  openBoardRecords,
  readBoardSchema,
  writeBoardSchema,
} from '@mockboard/shared'
import type { SerializedSchema, TLRecord, TLStore } from 'tldraw'
import type * as Y from 'yjs'

import { guardBoardStore } from '../board/guardBoardStore'
import { migrateDocRecords, schemaIncompatibility } from './migrateDocRecords'
import { SchemaMismatchError } from './SchemaMismatchError'

/** Transaction origin of our own writes, so the observer can skip echoing them back. */
export const LOCAL_ORIGIN = Symbol('mockboard-store')

export interface BindOptions {
  /** Observers never write to the doc (the server would refuse it anyway). */
  readonly?: boolean
  /** Called once if the doc turns out (or later becomes) unreadable; the binding is then off. */
  onError?: (error: SchemaMismatchError) => void
}

type RecordChanges = Map<
  string,
  { action: 'add' | 'update' | 'delete'; newValue?: TLRecord; oldValue?: TLRecord }
>

/**
 * Binds a tldraw store's document records to the board doc. Call it only after the provider's
 * first sync: an empty doc is then really empty and gets seeded from the store, never before.
 * Throws SchemaMismatchError (without touching the doc) if the stored schema is incompatible.
 */
export function bindStoreToYDoc(store: TLStore, ydoc: Y.Doc, opts: BindOptions = {}): () => void {
  let stopped = false
  const records = openBoardRecords<TLRecord>(ydoc)
  const meta = boardMeta(ydoc)
  const ourSchema = store.schema.serialize()
  // Before the first put: what tldraw cannot draw is kept out of the store, and a client that can
  // write puts the store's view back, which ends the problem for everyone.
  const unguard = guardBoardStore(
    store,
    opts.readonly
      ? undefined
      : (id, change) => {
          if (stopped) return
          const shown = store.get(id)
          ydoc.transact(() => {
            if (change === 'delete') records.delete(id)
            else if (shown) records.set(id, shown)
          }, LOCAL_ORIGIN)
        },
  )

  if (records.yarray.length === 0) {
    if (!opts.readonly) {
      const local = Object.values(store.serialize('document'))
      ydoc.transact(() => {
        for (const record of local) records.set(record.id, record)
        writeBoardSchema(ydoc, ourSchema)
      }, LOCAL_ORIGIN)
    }
  } else {
    const theirSchema = (readBoardSchema(ydoc) ?? undefined) as SerializedSchema | undefined
    const stored = Array.from(records.map.values(), (e) => e.val)
    const migrated = migrateDocRecords(store, theirSchema, stored)
    const keep = new Set(migrated.map((r) => r.id))
    store.mergeRemoteChanges(() => {
      const stale = Object.values(store.serialize('document'))
        .map((r) => r.id)
        .filter((id) => !keep.has(id))
      if (stale.length) store.remove(stale)
      store.put(migrated, 'initialize')
    })
    // A doc written by an older build is upgraded in place, so everyone reads the same version.
    if (!opts.readonly && JSON.stringify(theirSchema) !== JSON.stringify(ourSchema)) {
      ydoc.transact(() => {
        for (const record of migrated) records.set(record.id, record)
        writeBoardSchema(ydoc, ourSchema)
      }, LOCAL_ORIGIN)
    }
  }

  const cleanups: Array<() => void> = [unguard]
  const fail = (error: SchemaMismatchError) => {
    unbind()
    opts.onError?.(error)
  }

  if (!opts.readonly) {
    cleanups.push(
      store.listen(
        ({ changes }) => {
          ydoc.transact(() => {
            for (const record of Object.values(changes.added)) records.set(record.id, record)
            for (const [, next] of Object.values(changes.updated)) records.set(next.id, next)
            for (const record of Object.values(changes.removed)) records.delete(record.id)
          }, LOCAL_ORIGIN)
        },
        { source: 'user', scope: 'document' },
      ),
    )
  }

  const onRecords = (changes: RecordChanges, tr: Y.Transaction) => {
    if (tr.origin === LOCAL_ORIGIN) return
    const toPut: TLRecord[] = []
    const toRemove: TLRecord['id'][] = []
    for (const [id, change] of changes) {
      if (change.action === 'delete') toRemove.push(id as TLRecord['id'])
      else if (change.newValue) toPut.push(change.newValue)
    }
    try {
      store.mergeRemoteChanges(() => {
        if (toRemove.length) store.remove(toRemove.filter((id) => store.has(id)))
        if (toPut.length) store.put(toPut)
      })
    } catch (e) {
      fail(
        new SchemaMismatchError(
          e instanceof Error ? (e.message.split('\n')[0] ?? 'invalid record') : 'invalid record',
        ),
      )
    }
  }
  records.on('change', onRecords)
  cleanups.push(() => records.off('change', onRecords))

  const onMeta = (event: Y.YMapEvent<unknown>) => {
    if (event.transaction.origin === LOCAL_ORIGIN || !event.keysChanged.has(BOARD_SCHEMA_KEY)) return
    const theirs = readBoardSchema(ydoc) as SerializedSchema | null
    const why = theirs ? schemaIncompatibility(store, theirs) : null
    if (why) fail(new SchemaMismatchError(why))
  }
  meta.observe(onMeta)
  cleanups.push(() => meta.unobserve(onMeta))

  function unbind() {
    if (stopped) return
    stopped = true
    for (const cleanup of cleanups) cleanup()
  }
  return unbind
}
