/**
 * One step of a store's schema history. Steps are applied once, in version order, at start, and
 * recorded in `schema_migrations`; a step never changes once released (a change is a new step).
 */
export interface Migration<Db> {
  version: number
  name: string
  /** SQL to run, or a function for a step SQL alone cannot make safe (SQLite has no ADD COLUMN IF NOT EXISTS). */
  up: string | ((db: Db) => void | Promise<void>)
}

/** The steps after `current`, in order; throws when the store is newer than this code. */
export function pending<Db>(
  migrations: readonly Migration<Db>[],
  current: number,
  store: string,
): Migration<Db>[] {
  const latest = migrations.at(-1)?.version ?? 0
  if (current > latest) {
    throw new Error(
      `${store} schema is at version ${current}, newer than this server knows (${latest}): run a newer Mockboard`,
    )
  }
  return migrations.filter((m) => m.version > current).sort((a, b) => a.version - b.version)
}
