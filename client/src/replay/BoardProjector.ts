import type { SerializedSchema, TLRecord, TLStore } from 'tldraw'

import type { BoardFrame } from './decodeFrames'
import { RichTextInterner } from './RichTextInterner'

/** Record types that belong to the shared document (camera, instance, pointer stay local). */
const DOCUMENT_TYPES = new Set(['document', 'page', 'shape', 'binding', 'asset'])

/** tldraw record ids start with their type: `shape:…`, `page:…`, `document:document`. */
const isDocumentRecord = (id: string) => DOCUMENT_TYPES.has(id.slice(0, id.indexOf(':')))

/**
 * Projects board frames onto one tldraw store by diffing: changed records are put, missing ones
 * removed, inside mergeRemoteChanges so the editor treats it like a peer's edit (no undo entry,
 * no remount, camera and selection kept). Only what changed since the last frame is parsed and
 * touched, so consecutive instants during playback or a drag cost a few records each.
 */
export class BoardProjector {
  /** JSON of each record as last put, as stored (before migration). */
  private readonly applied = new Map<string, string>()
  private readonly schemaJson: string
  /** Whether a frame's schema object differs from the store's (frames of a segment share one). */
  private readonly needsMigration = new WeakMap<object, boolean>()
  private readonly richText = new RichTextInterner()

  constructor(private readonly store: TLStore) {
    this.schemaJson = JSON.stringify(store.schema.serialize())
  }

  /** Whether putting `frame` would change more than `limit` records (counted up to there). */
  changesMoreThan(frame: BoardFrame, limit: number): boolean {
    let n = 0
    for (const [id, json] of frame.records)
      if (isDocumentRecord(id) && this.applied.get(id) !== json && ++n > limit) return true
    for (const id of this.applied.keys()) if (!frame.records.has(id) && ++n > limit) return true
    return false
  }

  apply(frame: BoardFrame): void {
    this.applySome(frame, Number.POSITIVE_INFINITY)
  }

  /**
   * Puts at most `limit` of the records `frame` changes (all removals go in the first call),
   * pages before shapes before bindings, shapes on a page before those inside frames or groups:
   * a store caught up over several turns never holds a binding to a shape it lacks. True once
   * the store matches the frame.
   */
  applySome(frame: BoardFrame, limit: number): boolean {
    const changed: string[] = []
    const remove: TLRecord['id'][] = []
    for (const [id, json] of frame.records)
      if (isDocumentRecord(id) && this.applied.get(id) !== json) changed.push(id)
    for (const id of this.applied.keys()) if (!frame.records.has(id)) remove.push(id as TLRecord['id'])
    if (changed.length === 0 && remove.length === 0) return true
    const records = this.parse(frame, changed)
    const cut = records.length > limit
    if (cut) records.sort((a, b) => order(a) - order(b)).splice(limit)
    const keepPage = [...frame.records.keys()].some((id) => id.startsWith('page:'))
      ? null
      : (remove.find((id) => id.startsWith('page:')) ?? null)
    this.store.mergeRemoteChanges(() => {
      this.putAll(records, frame)
      // tldraw needs at least one page: the last one is kept even if the frame has none.
      const removable = remove.filter(
        (id) => this.store.has(id) && id !== keepPage && !id.startsWith('document:'),
      )
      if (removable.length > 0) this.store.remove(removable)
    })
    for (const id of remove) this.applied.delete(id)
    // Records that cannot be read or put stay different, and do not keep it from being done.
    return !cut
  }

  /** The changed records as tldraw records; written with an older schema, migrated like a sync client would. */
  private parse(frame: BoardFrame, ids: string[]): TLRecord[] {
    if (!this.migrates(frame.schema))
      return ids.map((id) => this.richText.intern(JSON.parse(frame.records.get(id)!) as TLRecord))
    const raw: Record<string, TLRecord> = {}
    for (const [id, json] of frame.records) if (isDocumentRecord(id)) raw[id] = JSON.parse(json) as TLRecord
    const result = this.store.schema.migrateStoreSnapshot({
      store: raw,
      schema: frame.schema as SerializedSchema,
    })
    const migrated = result.type === 'success' ? (result.value as Record<string, TLRecord>) : raw
    return ids
      .map((id) => migrated[id])
      .filter((r): r is TLRecord => r !== undefined)
      .map((r) => this.richText.intern(r))
  }

  private migrates(schema: unknown): boolean {
    if (!schema || typeof schema !== 'object') return false
    let differs = this.needsMigration.get(schema)
    if (differs === undefined)
      this.needsMigration.set(schema, (differs = JSON.stringify(schema) !== this.schemaJson))
    return differs
  }

  /** One invalid record (say from a newer client) must not blank the whole board. */
  private putAll(records: TLRecord[], frame: BoardFrame): void {
    const mark = (r: TLRecord) => {
      // What the store's guards kept out or elsewhere (guardBoardStore) is not shown as recorded:
      // it is put again with the next frame, which may no longer hold what it was kept out for.
      const kept = this.store.get(r.id)
      if (!kept) return
      if (r.typeName === 'shape' && kept.typeName === 'shape' && kept.parentId !== r.parentId) return
      this.applied.set(r.id, frame.records.get(r.id) ?? '')
    }
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
}

/** Put order for a store caught up in slices: document and pages, shapes on a page, nested shapes, bindings. */
function order(r: TLRecord): number {
  if (r.typeName === 'binding') return 3
  if (r.typeName !== 'shape') return 0
  return String(r.parentId).startsWith('page:') ? 1 : 2
}
