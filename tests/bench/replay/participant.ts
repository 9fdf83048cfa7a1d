import { boardNotesText, openBoardRecords, writeBoardSchema } from '@mockboard/shared'
import { createTLStore, type TLRecord, type TLStore } from 'tldraw'
import * as Y from 'yjs'

import { createBoardSchema } from '../../../client/src/shapes/schema.js'

const LOCAL = Symbol('local')
const REMOTE = Symbol('remote')

/**
 * One person at the board: a tldraw store with the live client's schema, bound to their own copy
 * of the board doc the way the client binds it (document records in a YKeyValue on `tldraw`, the
 * schema in `meta`). Their edits come out as Yjs updates; the other person's go in.
 */
export class Participant {
  readonly doc = new Y.Doc()
  readonly store: TLStore = createTLStore({ schema: createBoardSchema() })
  private readonly kv = openBoardRecords<TLRecord>(this.doc)

  constructor(onUpdate: (update: Uint8Array) => void) {
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== REMOTE) onUpdate(update)
    })
    this.kv.on(
      'change',
      (changes: Map<string, { action: string; newValue?: TLRecord }>, tr: Y.Transaction) => {
        if (tr.origin === LOCAL) return
        this.store.mergeRemoteChanges(() => {
          for (const [id, c] of changes) {
            if (c.action === 'delete') {
              if (this.store.has(id as TLRecord['id'])) this.store.remove([id as TLRecord['id']])
            } else if (c.newValue) this.store.put([c.newValue])
          }
        })
      },
    )
  }

  /**
   * An edit: validated by the store, then written to the doc in one transaction. (The client's
   * store.listen does the same once per animation frame; Node has no frames, so it is done here.)
   */
  edit(put: TLRecord[], remove: TLRecord['id'][] = []): void {
    this.store.put(put)
    if (remove.length > 0) this.store.remove(remove)
    this.doc.transact(() => {
      for (const r of put) this.kv.set(r.id, this.store.get(r.id) ?? r)
      for (const id of remove) this.kv.delete(id)
    }, LOCAL)
  }

  /** The first one in seeds the doc with the store's document records and schema. */
  seedBoard(): void {
    this.doc.transact(() => {
      for (const r of Object.values(this.store.serialize('document'))) this.kv.set(r.id, r)
      writeBoardSchema(this.doc, this.store.schema.serialize())
    }, LOCAL)
  }

  receive(update: Uint8Array): void {
    Y.applyUpdate(this.doc, update, REMOTE)
  }

  get notes(): Y.Text {
    return boardNotesText(this.doc)
  }
}
