import type { SerializedSchema, TLRecord, TLStore } from 'tldraw'
import type { BoardFrame } from './decodeFrames'

/** Record types that belong to the shared document (camera, instance, pointer stay local). */
const DOCUMENT_TYPES = new Set(['document', 'page', 'shape', 'binding', 'asset'])

/**
 * Projects board frames onto one tldraw store by diffing: changed records are put, missing ones
 * removed, inside mergeRemoteChanges so the editor treats it like a peer's edit (no undo entry,
 * no remount, camera and selection kept). Only what changed since the last frame is touched, so
 * consecutive instants during playback cost a few records each.
 */
export class BoardProjector {
  /** JSON of each record as last put, as stored (before migration). */
  private readonly applied = new Map<string, string>()
  private readonly schemaJson: string
  private readonly migrated = new WeakMap<BoardFrame, Map<string, TLRecord>>()

  constructor(private readonly store: TLStore) {
    this.schemaJson = JSON.stringify(store.schema.serialize())
  }

  apply(frame: BoardFrame): void {
    const records = this.recordsOf(frame)
    const put: TLRecord[] = []
    const remove: TLRecord['id'][] = []
    for (const [id, { json }] of frame.records) {
      const record = records.get(id)
      if (!record || this.applied.get(id) === json) continue
      put.push(record)
    }
    for (const id of this.applied.keys()) if (!frame.records.has(id)) remove.push(id as TLRecord['id'])
    if (put.length === 0 && remove.length === 0) return
    const keepPage = this.lastPageGuard(remove, frame)
    this.store.mergeRemoteChanges(() => {
      this.putAll(put, frame)
      const removable = remove.filter((id) => this.store.has(id) && id !== keepPage && !id.startsWith('document:'))
      if (removable.length > 0) this.store.remove(removable)
    })
    for (const id of remove) this.applied.delete(id)
  }

  /** Records written with an older schema are migrated once per frame, like a sync client would. */
  private recordsOf(frame: BoardFrame): Map<string, TLRecord> {
    const known = this.migrated.get(frame)
    if (known) return known
    const raw: Record<string, TLRecord> = {}
    for (const [id, { val }] of frame.records) if (DOCUMENT_TYPES.has(val.typeName)) raw[id] = val as unknown as TLRecord
    let out = raw
    if (frame.schema && JSON.stringify(frame.schema) !== this.schemaJson) {
      const result = this.store.schema.migrateStoreSnapshot({ store: raw, schema: frame.schema as SerializedSchema })
      if (result.type === 'success') out = result.value as Record<string, TLRecord>
    }
    const map = new Map(Object.entries(out))
    this.migrated.set(frame, map)
    return map
  }

  /** One invalid record (say from a newer client) must not blank the whole board. */
  private putAll(records: TLRecord[], frame: BoardFrame): void {
    const mark = (r: TLRecord) => this.applied.set(r.id, frame.records.get(r.id)?.json ?? '')
    try {
      this.store.put(records)
      records.forEach(mark)
    } catch {
      for (const r of records) {
        try {
          this.store.put([r])
          mark(r)
        } catch {
          // Skipped: it cannot be shown by this version of the board.
        }
      }
    }
  }

  /** tldraw needs at least one page: the last one is kept even if the frame has none. */
  private lastPageGuard(remove: string[], frame: BoardFrame): string | null {
    const pagesLeft = [...frame.records.values()].some(({ val }) => val.typeName === 'page')
    if (pagesLeft) return null
    return remove.find((id) => id.startsWith('page:')) ?? null
  }
}
