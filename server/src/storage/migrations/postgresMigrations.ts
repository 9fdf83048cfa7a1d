import type pg from 'pg'

import { type Migration, pending } from './Migration.js'

/**
 * The PostgreSQL schema's history. Databases made before numbered migrations existed have no
 * `schema_migrations` table: every step runs on them, so the steps that existed by then are
 * written to be harmless on a schema that already has them (IF NOT EXISTS).
 */
export const POSTGRES_MIGRATIONS: readonly Migration<pg.PoolClient>[] = [
  {
    version: 1,
    name: 'sessions, document heads, update log and snapshots',
    up: `
CREATE TABLE IF NOT EXISTS sessions (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  problem TEXT NOT NULL,
  problem_id TEXT,
  phases JSONB NOT NULL,
  created_at BIGINT NOT NULL,
  ended_at BIGINT,
  report_shared BOOLEAN NOT NULL DEFAULT false
);
CREATE TABLE IF NOT EXISTS doc_heads (
  session_id TEXT NOT NULL,
  doc TEXT NOT NULL,
  seq BIGINT NOT NULL,
  at BIGINT NOT NULL,
  PRIMARY KEY (session_id, doc)
);
CREATE TABLE IF NOT EXISTS updates (
  session_id TEXT NOT NULL,
  doc TEXT NOT NULL,
  seq BIGINT NOT NULL,
  at BIGINT NOT NULL,
  data BYTEA NOT NULL,
  PRIMARY KEY (session_id, doc, seq)
);
CREATE INDEX IF NOT EXISTS updates_at ON updates (session_id, doc, at);
CREATE TABLE IF NOT EXISTS snapshots (
  session_id TEXT NOT NULL,
  doc TEXT NOT NULL,
  seq BIGINT NOT NULL,
  at BIGINT NOT NULL,
  data BYTEA NOT NULL,
  PRIMARY KEY (session_id, doc, seq)
);`,
  },
  {
    version: 2,
    name: 'image assets',
    up: `
CREATE TABLE IF NOT EXISTS assets (
  id TEXT PRIMARY KEY,
  session_id TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  data BYTEA NOT NULL
);
CREATE INDEX IF NOT EXISTS assets_session ON assets (session_id);`,
  },
  {
    version: 3,
    name: 'snapshot log_bytes',
    // Bytes of every update with seq <= the snapshot's (NULL: written before it was kept; summed when read).
    up: 'ALTER TABLE snapshots ADD COLUMN IF NOT EXISTS log_bytes BIGINT;',
  },
  {
    version: 4,
    name: 'replay shared with observers',
    up: 'ALTER TABLE sessions ADD COLUMN IF NOT EXISTS replay_shared BOOLEAN NOT NULL DEFAULT false;',
  },
  {
    version: 5,
    name: 'coach workspaces, candidates, session summaries',
    up: `
CREATE TABLE IF NOT EXISTS workspaces (
  id TEXT PRIMARY KEY,
  key_hash TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
ALTER TABLE sessions ADD COLUMN IF NOT EXISTS workspace_id TEXT;
ALTER TABLE sessions ADD COLUMN IF NOT EXISTS candidate TEXT NOT NULL DEFAULT '';
ALTER TABLE sessions ADD COLUMN IF NOT EXISTS summary JSONB;
CREATE INDEX IF NOT EXISTS sessions_workspace ON sessions (workspace_id, created_at);
CREATE INDEX IF NOT EXISTS sessions_created ON sessions (created_at);`,
  },
  {
    version: 6,
    name: 'participant cameras',
    up: `
CREATE TABLE IF NOT EXISTS cameras (
  session_id TEXT NOT NULL,
  at BIGINT NOT NULL,
  role TEXT NOT NULL,
  name TEXT NOT NULL,
  page TEXT NOT NULL,
  x DOUBLE PRECISION NOT NULL, y DOUBLE PRECISION NOT NULL, z DOUBLE PRECISION NOT NULL,
  w DOUBLE PRECISION NOT NULL, h DOUBLE PRECISION NOT NULL
);
CREATE INDEX IF NOT EXISTS cameras_session ON cameras (session_id, at);`,
  },
  {
    version: 7,
    name: 'audio recordings with consent',
    up: `
CREATE TABLE IF NOT EXISTS recordings (
  session_id TEXT NOT NULL,
  id TEXT NOT NULL,
  participant TEXT NOT NULL,
  role TEXT NOT NULL,
  mime TEXT NOT NULL,
  consented_at BIGINT NOT NULL,
  stopped_at BIGINT,
  PRIMARY KEY (session_id, id)
);
CREATE TABLE IF NOT EXISTS audio_chunks (
  session_id TEXT NOT NULL,
  recording_id TEXT NOT NULL,
  idx INTEGER NOT NULL,
  at BIGINT NOT NULL,
  duration_ms INTEGER NOT NULL,
  size INTEGER NOT NULL,
  data BYTEA NOT NULL,
  PRIMARY KEY (session_id, recording_id, idx)
);`,
  },
  {
    version: 8,
    name: 'talk levels with each audio chunk',
    up: `ALTER TABLE audio_chunks ADD COLUMN levels TEXT NOT NULL DEFAULT ''`,
  },
  {
    version: 9,
    name: 'client ids and the roles that write under them',
    up: `
CREATE TABLE IF NOT EXISTS client_ids (
  session_id TEXT NOT NULL,
  doc TEXT NOT NULL,
  client BIGINT NOT NULL,
  role TEXT NOT NULL,
  PRIMARY KEY (session_id, doc, client)
);`,
  },
  {
    version: 10,
    name: 'an append refuses a client id recorded for another role',
    // Called by the append statement (postgresAppends.ts) for such an id: its error rolls the
    // whole append back. plpgsql is in every database since PostgreSQL 9.0.
    up: `
CREATE OR REPLACE FUNCTION mockboard_refuse_client_id(client BIGINT, recorded TEXT) RETURNS BOOLEAN
LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  RAISE EXCEPTION 'client id % is recorded for the %', client, recorded USING ERRCODE = 'MB001';
END
$$;`,
  },
]

/** Any constant: the advisory lock that makes instances starting together migrate one at a time. */
const MIGRATION_LOCK = 7_277_001

/**
 * Brings the database's schema to the latest version in one transaction, under an advisory lock
 * (several instances start at once against one database). Returns the versions applied.
 */
export async function migratePostgres(
  pool: pg.Pool,
  migrations: readonly Migration<pg.PoolClient>[] = POSTGRES_MIGRATIONS,
): Promise<number[]> {
  const client = await pool.connect()
  try {
    await client.query('BEGIN')
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK])
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)`)
    const { rows } = await client.query<{ v: number | null }>(
      'SELECT max(version) AS v FROM schema_migrations',
    )
    const applied: number[] = []
    for (const m of pending(migrations, rows[0]?.v ?? 0, 'PostgreSQL')) {
      if (typeof m.up === 'string') await client.query(m.up)
      else await m.up(client)
      await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [
        m.version,
        m.name,
        Date.now(),
      ])
      applied.push(m.version)
    }
    await client.query('COMMIT')
    return applied
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {})
    throw err
  } finally {
    client.release()
  }
}
