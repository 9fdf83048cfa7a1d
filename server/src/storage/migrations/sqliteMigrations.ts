import type Database from 'better-sqlite3'

import { type Migration, pending } from './Migration.js'

type Db = Database.Database

/**
 * The SQLite schema's history. Files made before numbered migrations existed have no
 * `schema_migrations` table: every step runs on them, so the steps that existed by then are
 * written to be harmless on a schema that already has them (IF NOT EXISTS, a column check).
 */
export const SQLITE_MIGRATIONS: readonly Migration<Db>[] = [
  {
    version: 1,
    name: 'sessions, update log and snapshots',
    up: `
CREATE TABLE IF NOT EXISTS sessions (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  problem TEXT NOT NULL,
  problem_id TEXT,
  phases TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  ended_at INTEGER,
  report_shared INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS updates (
  session_id TEXT NOT NULL,
  doc TEXT NOT NULL,
  seq INTEGER NOT NULL,
  at INTEGER NOT NULL,
  data BLOB NOT NULL,
  PRIMARY KEY (session_id, doc, seq)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS updates_at ON updates (session_id, doc, at);
CREATE TABLE IF NOT EXISTS snapshots (
  session_id TEXT NOT NULL,
  doc TEXT NOT NULL,
  seq INTEGER NOT NULL,
  at INTEGER NOT NULL,
  data BLOB NOT NULL,
  PRIMARY KEY (session_id, doc, seq)
) WITHOUT ROWID;`,
  },
  {
    version: 2,
    name: 'no index on update time',
    // Every append paid for it, and a time range is a seq range anyway (times never decrease along seq).
    up: 'DROP INDEX IF EXISTS updates_at;',
  },
  {
    version: 3,
    name: 'image assets',
    up: `
CREATE TABLE IF NOT EXISTS assets (
  id TEXT PRIMARY KEY,
  session_id TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  data BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS assets_session ON assets (session_id);`,
  },
  {
    version: 4,
    name: 'snapshot log_bytes',
    // Bytes of every update with seq <= the snapshot's (NULL: written before it was kept; summed when read).
    up: (db) => {
      const columns = db
        .prepare<[], { name: string }>("SELECT name FROM pragma_table_info('snapshots')")
        .all()
      if (!columns.some((c) => c.name === 'log_bytes'))
        db.exec('ALTER TABLE snapshots ADD COLUMN log_bytes INTEGER')
    },
  },
  {
    version: 5,
    name: 'replay shared with observers',
    up: 'ALTER TABLE sessions ADD COLUMN replay_shared INTEGER NOT NULL DEFAULT 0;',
  },
  {
    version: 6,
    name: 'coach workspaces, candidates, session summaries',
    up: `
CREATE TABLE IF NOT EXISTS workspaces (
  id TEXT PRIMARY KEY,
  key_hash TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
ALTER TABLE sessions ADD COLUMN workspace_id TEXT;
ALTER TABLE sessions ADD COLUMN candidate TEXT NOT NULL DEFAULT '';
ALTER TABLE sessions ADD COLUMN summary TEXT;
CREATE INDEX IF NOT EXISTS sessions_workspace ON sessions (workspace_id, created_at);
CREATE INDEX IF NOT EXISTS sessions_created ON sessions (created_at);`,
  },
  {
    version: 7,
    name: 'participant cameras',
    up: `
CREATE TABLE IF NOT EXISTS cameras (
  session_id TEXT NOT NULL,
  at INTEGER NOT NULL,
  role TEXT NOT NULL,
  name TEXT NOT NULL,
  page TEXT NOT NULL,
  x REAL NOT NULL, y REAL NOT NULL, z REAL NOT NULL, w REAL NOT NULL, h REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS cameras_session ON cameras (session_id, at);`,
  },
  {
    version: 8,
    name: 'audio recordings with consent',
    up: `
CREATE TABLE IF NOT EXISTS recordings (
  session_id TEXT NOT NULL,
  id TEXT NOT NULL,
  participant TEXT NOT NULL,
  role TEXT NOT NULL,
  mime TEXT NOT NULL,
  consented_at INTEGER NOT NULL,
  stopped_at INTEGER,
  PRIMARY KEY (session_id, id)
);
CREATE TABLE IF NOT EXISTS audio_chunks (
  session_id TEXT NOT NULL,
  recording_id TEXT NOT NULL,
  idx INTEGER NOT NULL,
  at INTEGER NOT NULL,
  duration_ms INTEGER NOT NULL,
  size INTEGER NOT NULL,
  data BLOB NOT NULL,
  PRIMARY KEY (session_id, recording_id, idx)
);`,
  },
  {
    version: 9,
    name: 'talk levels with each audio chunk',
    up: `ALTER TABLE audio_chunks ADD COLUMN levels TEXT NOT NULL DEFAULT ''`,
  },
  {
    version: 10,
    name: 'update log in arrival order',
    // Keyed by (session, doc, seq) WITHOUT ROWID, ~500-byte rows of hundreds of live sessions
    // interleaved dirtied a page per row in every commit: 55–60 µs a row on the log writer's
    // thread. Rows appended in arrival order dirty the table's last page, and the small unique
    // index keeps (session, doc, seq) lookups: 18–28 µs a row (README, issue 12, seventh round).
    // Old rows are copied session by session, so a finished session's rows stay together.
    up: `
CREATE TABLE updates_by_arrival (
  id INTEGER PRIMARY KEY,
  session_id TEXT NOT NULL,
  doc TEXT NOT NULL,
  seq INTEGER NOT NULL,
  at INTEGER NOT NULL,
  data BLOB NOT NULL
);
INSERT INTO updates_by_arrival (session_id, doc, seq, at, data)
  SELECT session_id, doc, seq, at, data FROM updates ORDER BY session_id, doc, seq;
DROP TABLE updates;
ALTER TABLE updates_by_arrival RENAME TO updates;
CREATE UNIQUE INDEX updates_key ON updates (session_id, doc, seq);`,
  },
  {
    version: 11,
    name: 'client ids and the roles that write under them',
    up: `
CREATE TABLE IF NOT EXISTS client_ids (
  session_id TEXT NOT NULL,
  doc TEXT NOT NULL,
  client INTEGER NOT NULL,
  role TEXT NOT NULL,
  PRIMARY KEY (session_id, doc, client)
) WITHOUT ROWID;`,
  },
]

/**
 * Brings the file's schema to the latest version in one IMMEDIATE transaction (a second process
 * opening the same file waits, then finds nothing left to do). Returns the versions applied.
 */
export function migrateSqlite(db: Db, migrations: readonly Migration<Db>[] = SQLITE_MIGRATIONS): number[] {
  const run = db.transaction(() => {
    db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)`)
    const current =
      db.prepare<[], { v: number | null }>('SELECT max(version) AS v FROM schema_migrations').get()?.v ?? 0
    const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)')
    const applied: number[] = []
    for (const m of pending(migrations, current, 'SQLite')) {
      if (typeof m.up === 'string') db.exec(m.up)
      else void m.up(db)
      record.run(m.version, m.name, Date.now())
      applied.push(m.version)
    }
    return applied
  })
  return run.immediate()
}
