import type { SerializedSchema, TLRecord, TLStore } from 'tldraw'

import { SchemaMismatchError } from './SchemaMismatchError'

/**
 * Why `theirs` can't be read by this build, or null if it can: a newer version of a known
 * migration sequence, or a sequence (shape, binding, record type) we have never heard of.
 */
export function schemaIncompatibility(store: TLStore, theirs: SerializedSchema): string | null {
  const since = store.schema.getMigrationsSince(theirs)
  if (!since.ok) return 'newer schema version'
  if ('sequences' in theirs) {
    const ours = store.schema.serialize().sequences
    const unknown = Object.keys(theirs.sequences).filter((id) => !(id in ours))
    if (unknown.length > 0) return `unknown record types: ${unknown.join(', ')}`
  }
  return null
}

/**
 * Brings records stored under `theirSchema` up to the store's schema, or throws
 * SchemaMismatchError when that is impossible.
 */
export function migrateDocRecords(
  store: TLStore,
  theirSchema: SerializedSchema | undefined,
  records: TLRecord[],
): TLRecord[] {
  const schema = theirSchema ?? store.schema.serialize()
  const why = schemaIncompatibility(store, schema)
  if (why) throw new SchemaMismatchError(why)
  const snapshot = Object.fromEntries(records.map((r) => [r.id, r]))
  const result = store.schema.migrateStoreSnapshot({ schema, store: snapshot })
  if (result.type === 'error') throw new SchemaMismatchError(String(result.reason))
  const migrated = Object.values<TLRecord>(result.value as Record<string, TLRecord>)
  for (const record of migrated) {
    try {
      store.schema.validateRecord(store, record, 'initialize', null)
    } catch (e) {
      const msg = e instanceof Error ? (e.message.split('\n')[0] ?? e.message) : String(e)
      throw new SchemaMismatchError(`${record.id}: ${msg}`)
    }
  }
  return migrated
}
