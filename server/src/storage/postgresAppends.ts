import type { DocName } from '@mockboard/shared'
import type pg from 'pg'

import type { ClientRoles } from './Storage.js'

// The roles of the client ids an update brings (see Storage.appendUpdate) go in its statement,
// one transaction: no reader sees the update without them. An id recorded already keeps its
// role; recorded for another role, it fails the append (mockboard_refuse_client_id raises, all is
// rolled back). The no-op DO UPDATE returns the recorded row, also one another instance committed
// while this statement waited for it, which a snapshot read could miss.
// The head row is locked by the upsert, so appends to one document from several instances are
// numbered one after another, and their times never go backwards along seq.
const APPEND_ONE = `
WITH wanted AS (
  SELECT client, role FROM unnest($5::bigint[], $6::text[]) AS t(client, role)
), ids AS (
  INSERT INTO client_ids (session_id, doc, client, role)
  SELECT $1, $2, client, role FROM wanted ORDER BY client
  ON CONFLICT (session_id, doc, client) DO UPDATE SET role = client_ids.role
  RETURNING client, role
), refused AS (
  SELECT mockboard_refuse_client_id(ids.client, ids.role)
  FROM ids JOIN wanted USING (client) WHERE ids.role <> wanted.role
), head AS (
  INSERT INTO doc_heads (session_id, doc, seq, at) VALUES ($1, $2, 1, $3)
  ON CONFLICT (session_id, doc) DO UPDATE SET seq = doc_heads.seq + 1, at = GREATEST(doc_heads.at, EXCLUDED.at)
  RETURNING seq, at
)
INSERT INTO updates (session_id, doc, seq, at, data)
SELECT $1, $2, head.seq, head.at, $4 FROM head WHERE NOT EXISTS (SELECT FROM refused)
RETURNING seq, at`

/**
 * Many appends in one statement: each document's head moves by its count of appends (heads locked
 * in key order, so two instances' batches never deadlock), and its appends take the seqs before
 * the new head in the order given, all at the head's new time. Answers each head as it is now.
 */
const APPEND_MANY = `
WITH input AS (
  SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[], $4::bytea[])
    WITH ORDINALITY AS t(session_id, doc, at, data, ord)
), counts AS (
  SELECT session_id, doc, count(*) AS n, max(at) AS at FROM input GROUP BY session_id, doc
), heads AS (
  INSERT INTO doc_heads AS h (session_id, doc, seq, at)
  SELECT session_id, doc, n, at FROM counts ORDER BY session_id, doc
  ON CONFLICT (session_id, doc) DO UPDATE SET seq = h.seq + EXCLUDED.seq, at = GREATEST(h.at, EXCLUDED.at)
  RETURNING h.session_id, h.doc, h.seq, h.at
), wanted AS (
  SELECT * FROM unnest($5::text[], $6::text[], $7::bigint[], $8::text[]) AS t(session_id, doc, client, role)
), ids AS (
  INSERT INTO client_ids (session_id, doc, client, role)
  SELECT * FROM wanted ORDER BY session_id, doc, client
  ON CONFLICT (session_id, doc, client) DO UPDATE SET role = client_ids.role
  RETURNING session_id, doc, client, role
), refused AS (
  SELECT mockboard_refuse_client_id(ids.client, ids.role)
  FROM ids JOIN wanted USING (session_id, doc, client) WHERE ids.role <> wanted.role
), stored AS (
  INSERT INTO updates (session_id, doc, seq, at, data)
  SELECT i.session_id, i.doc,
    heads.seq - counts.n + row_number() OVER (PARTITION BY i.session_id, i.doc ORDER BY i.ord),
    heads.at, i.data
  FROM input i JOIN counts USING (session_id, doc) JOIN heads USING (session_id, doc)
  WHERE NOT EXISTS (SELECT FROM refused)
)
SELECT session_id, doc, seq, at FROM heads`

/** A batch stops growing at either bound (one append alone may pass the bytes). */
const MAX_BATCH_APPENDS = 1000
const MAX_BATCH_BYTES = 4 * 1024 * 1024

/**
 * The id records of appends as columns (session, doc, client, role), each once: an upsert may
 * touch a row only once per statement. One id with two roles stays twice and fails the statement;
 * a batch then goes again one append at a time, where the later of the two is refused.
 */
function idColumns(appends: readonly Pending[]): [string[], string[], number[], string[]] {
  const columns: [string[], string[], number[], string[]] = [[], [], [], []]
  const seen = new Set<string>()
  for (const p of appends)
    for (const [client, role] of p.clientIds ?? []) {
      const key = `${p.sessionId}\n${p.doc}\n${client}\n${role}`
      if (seen.has(key)) continue
      seen.add(key)
      columns[0].push(p.sessionId)
      columns[1].push(p.doc)
      columns[2].push(client)
      columns[3].push(role)
    }
  return columns
}

interface Pending {
  sessionId: string
  doc: DocName
  data: Buffer
  at: number
  clientIds: ClientRoles | undefined
  resolve: (stored: { seq: number; at: number }) => void
  reject: (err: unknown) => void
}

/**
 * PostgreSQL's group commit for the log: the appends of one event-loop turn travel as one
 * statement, and those arriving while it runs share the next, one statement at a time. Each
 * resolves with its own seq, in the order appended: the store numbers appends as they are made
 * (`Storage.ordersAppends`), so a busy room need not wait for one commit before the next append.
 * A batch that fails is retried one append at a time, so one bad append fails alone.
 */
export function postgresAppends(pool: pg.Pool) {
  const queue: Pending[] = []
  let running = false
  let scheduled = false

  const one = async (p: Pending) => {
    const ids = idColumns([p])
    const { rows } = await pool.query<{ seq: string; at: string }>(APPEND_ONE, [
      p.sessionId,
      p.doc,
      p.at,
      p.data,
      ids[2],
      ids[3],
    ])
    return { seq: Number(rows[0]!.seq), at: Number(rows[0]!.at) }
  }

  /** Each document's head after the batch was stored. */
  const many = async (batch: Pending[]) => {
    const ids = idColumns(batch)
    const { rows } = await pool.query<{ session_id: string; doc: string; seq: string; at: string }>(
      APPEND_MANY,
      [
        batch.map((p) => p.sessionId),
        batch.map((p) => p.doc),
        batch.map((p) => p.at),
        batch.map((p) => p.data),
        ...ids,
      ],
    )
    return rows
  }

  /** Resolves each append of a stored batch with its seq. */
  const answer = (batch: Pending[], rows: Awaited<ReturnType<typeof many>>) => {
    const heads = new Map(
      rows.map((r) => [`${r.session_id}\n${r.doc}`, { seq: Number(r.seq), at: Number(r.at) }]),
    )
    const counts = new Map<string, number>()
    for (const p of batch) {
      const key = `${p.sessionId}\n${p.doc}`
      counts.set(key, (counts.get(key) ?? 0) + 1)
    }
    // The k-th append of a document (from 1) took head − count + k.
    const taken = new Map<string, number>()
    for (const p of batch) {
      const key = `${p.sessionId}\n${p.doc}`
      const head = heads.get(key)
      const k = (taken.get(key) ?? 0) + 1
      taken.set(key, k)
      if (head) p.resolve({ seq: head.seq - counts.get(key)! + k, at: head.at })
      else p.reject(new Error(`no head returned for ${p.sessionId}/${p.doc}`))
    }
  }

  const flush = async (): Promise<void> => {
    scheduled = false
    if (running || queue.length === 0) return
    running = true
    let bytes = 0
    let n = 0
    while (
      n < queue.length &&
      n < MAX_BATCH_APPENDS &&
      (n === 0 || bytes + queue[n]!.data.byteLength <= MAX_BATCH_BYTES)
    )
      bytes += queue[n++]!.data.byteLength
    const batch = queue.splice(0, n)
    try {
      if (batch.length === 1) await one(batch[0]!).then(batch[0]!.resolve, batch[0]!.reject)
      else {
        let rows: Awaited<ReturnType<typeof many>> | null = null
        try {
          rows = await many(batch)
        } catch {
          // A statement that fails stores nothing (it is one transaction): each goes again alone,
          // to fail alone. Should the connection drop just after a commit, an update is stored
          // twice: harmless, Yjs applies it twice as once.
          for (const p of batch) await one(p).then(p.resolve, p.reject)
        }
        if (rows) answer(batch, rows)
      }
    } finally {
      running = false
      if (queue.length > 0) void flush()
    }
  }

  return (sessionId: string, doc: DocName, data: Uint8Array, at: number, clientIds?: ClientRoles) =>
    new Promise<{ seq: number; at: number }>((resolve, reject) => {
      queue.push({
        sessionId,
        doc,
        data: Buffer.from(data.buffer, data.byteOffset, data.byteLength),
        at,
        clientIds,
        resolve,
        reject,
      })
      if (!running && !scheduled) {
        scheduled = true
        setImmediate(() => void flush())
      }
    })
}
