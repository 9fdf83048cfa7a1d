import { boardNotesText, CloseCode } from '@mockboard/shared'
import Database from 'better-sqlite3'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'

import { useHarness } from '../helpers/harness.js'
import { type CreatedSession, createSession, type TestServer } from '../helpers/server.js'
import { createDatabase, missingServices, type Service, startPostgres } from '../helpers/services.js'

const { server, client } = useHarness()

/** A stock provider that reconnects right away after a close, as a busy page would. */
function eager(
  s: TestServer,
  session: CreatedSession,
  doc: 'board' | 'private',
  role: 'candidate' | 'interviewer',
) {
  const ydoc = new Y.Doc()
  const provider = new WebsocketProvider(s.syncUrl, `${session.id}/${doc}`, ydoc, {
    params: { token: session.tokens[role] },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    maxBackoffTime: 10,
  })
  const synced = new Promise<void>((resolve) => provider.once('sync', () => resolve()))
  const nextClose = () =>
    new Promise<number>((resolve) => provider.once('connection-close', (e) => resolve(e?.code ?? -1)))
  return { doc: ydoc, provider, synced, nextClose, destroy: () => provider.destroy() }
}

const del = (s: TestServer, session: CreatedSession) =>
  fetch(`${s.url}/api/sessions/${session.id}`, {
    method: 'DELETE',
    headers: { authorization: `Bearer ${session.tokens.interviewer}` },
  })

const nextRound = (s: TestServer, session: CreatedSession) =>
  fetch(`${s.url}/api/sessions/${session.id}/next-round`, {
    method: 'POST',
    headers: { authorization: `Bearer ${session.tokens.interviewer}` },
  })

/** The rows naming each session, per table, in every table that has a session_id column. */
type RowsNaming = (s: TestServer, ids: string[]) => Promise<Record<string, number>>

const sqliteRows: RowsNaming = async (s, ids) => {
  const raw = new Database(`${s.dataDir}/mockboard.db`, { readonly: true })
  const tables = raw
    .prepare<[], string>(
      `SELECT m.name FROM sqlite_master m, pragma_table_info(m.name) c
       WHERE m.type = 'table' AND c.name = 'session_id'`,
    )
    .pluck()
    .all()
  const count = (sql: string, id: string) => raw.prepare<[string], number>(sql).pluck().get(id) ?? 0
  const found = tally(ids, tables, (table, id) =>
    count(`SELECT count(*) FROM "${table}" WHERE session_id = ?`, id),
  )
  for (const id of ids)
    if (count('SELECT count(*) FROM sessions WHERE id = ?', id)) found[`sessions ${id}`] = 1
  raw.close()
  return found
}

const postgresRows =
  (url: string): RowsNaming =>
  async (_s, ids) => {
    const raw = new pg.Client({ connectionString: url })
    await raw.connect()
    const tables = (
      await raw.query<{ table_name: string }>(
        `SELECT table_name FROM information_schema.columns
         WHERE column_name = 'session_id' AND table_schema = current_schema()`,
      )
    ).rows.map((r) => r.table_name)
    const counts = new Map<string, number>()
    for (const table of [...tables, 'sessions'])
      for (const id of ids) {
        const column = table === 'sessions' ? 'id' : 'session_id'
        const res = await raw.query<{ n: string }>(
          `SELECT count(*) AS n FROM "${table}" WHERE ${column} = $1`,
          [id],
        )
        counts.set(`${table} ${id}`, Number(res.rows[0]?.n ?? 0))
      }
    await raw.end()
    return tally(ids, [...tables, 'sessions'], (table, id) => counts.get(`${table} ${id}`) ?? 0)
  }

function tally(ids: string[], tables: string[], count: (table: string, id: string) => number) {
  const found: Record<string, number> = {}
  for (const table of tables)
    for (const id of ids) {
      const n = count(table, id)
      if (n) found[`${table} ${id}`] = n
    }
  return found
}

/** Closes `s` first: closing drains every write still on its way, so whatever was left behind is stored then. */
async function rowsAfterClose(s: TestServer, ids: string[], rows: RowsNaming) {
  await s.app.close()
  return rows(s, ids)
}

interface Backend {
  start(): Promise<{ s: TestServer; rows: RowsNaming }>
}

let postgres: Service | null = null
let databases = 0
const skipPostgres = missingServices() !== null
afterAll(async () => {
  await postgres?.stop()
})

const backends: [string, Backend][] = [
  ['SQLite', { start: async () => ({ s: await server(), rows: sqliteRows }) }],
  [
    'PostgreSQL',
    {
      start: async () => {
        postgres ??= await startPostgres()
        const databaseUrl = await createDatabase(postgres.url, `deletion_race_${++databases}`)
        return { s: await server({ config: { databaseUrl } }), rows: postgresRows(databaseUrl) }
      },
    },
  ],
]

describe.each(backends)('deleting a session while it is being written (%s)', (name, backend) => {
  if (name === 'PostgreSQL' && skipPostgres) {
    it.skip('needs PostgreSQL', () => {})
    return
  }

  it('leaves no row naming it when clients were editing board and private docs at that instant', async () => {
    const { s, rows } = await backend.start()
    const storage = s.app.context.storage
    const ids: string[] = []
    // A few rounds: each is a race, and the old code lost it often but not every time.
    for (let round = 0; round < 3; round++) {
      const session = await createSession(s.url)
      ids.push(session.id)
      const clients = [0, 1, 2, 3].flatMap(() => [
        eager(s, session, 'board', 'candidate'),
        eager(s, session, 'private', 'interviewer'),
      ])
      await Promise.all(clients.map((c) => c.synced))
      let n = 0
      const editing = setInterval(() => {
        for (const c of clients)
          if (c.provider.roomname.endsWith('/board')) boardNotesText(c.doc).insert(0, `${n++} `)
          else c.doc.getMap('rubric').set('scale', { score: 2, comment: `c${n++}` })
      }, 2)
      // Edits are flowing into storage when the deletion starts.
      while ((await storage.listUpdates(session.id)).length < 40) await new Promise(setImmediate)
      const closes = clients.map((c) => c.nextClose())
      expect((await del(s, session)).status).toBe(204)
      // Clients keep sending until their sockets close, and try to reconnect at once.
      expect(await Promise.all(closes)).toEqual(clients.map(() => CloseCode.sessionDeleted))
      clearInterval(editing)
      for (const c of clients) c.destroy()
    }
    expect(await rowsAfterClose(s, ids, rows)).toEqual({})
  })

  it('leaves no row naming it when the next round was announced at the same time', async () => {
    const { s, rows } = await backend.start()
    const sessions = await Promise.all([0, 1, 2, 3, 4, 5, 6, 7].map(() => createSession(s.url)))
    // Half of them have their control room loaded (announced through the room), half not (straight to storage).
    const controls = sessions
      .filter((_, i) => i % 2 === 0)
      .map((session) => client(s.syncUrl, session.id, 'control', session.tokens.interviewer))
    await Promise.all(controls.map((c) => c.synced))
    const answers = await Promise.all(
      sessions.map(async (session) => {
        const [next, deleted] = await Promise.all([nextRound(s, session), del(s, session)])
        return [next.status === 200 || next.status === 404, deleted.status]
      }),
    )
    expect(answers).toEqual(sessions.map(() => [true, 204]))
    expect(
      await rowsAfterClose(
        s,
        sessions.map((session) => session.id),
        rows,
      ),
    ).toEqual({})
  })
})
