import pg from 'pg'
import { afterAll, describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'

import { createPostgresStorage } from '../../server/src/storage/postgres.js'
import { createDatabase, type Service, skipUnlessServices, startPostgres } from '../helpers/services.js'

function update(key: string, value: number): Uint8Array {
  const doc = new Y.Doc()
  doc.getMap('m').set(key, value)
  return Y.encodeStateAsUpdate(doc)
}

let postgres: Service | null = null
afterAll(async () => postgres?.stop())

describe.skipIf(skipUnlessServices())('postgres: appends of one turn share a statement', () => {
  it('and one PostgreSQL refuses fails alone: the others are stored, numbered in order', async () => {
    postgres ??= await startPostgres()
    const storage = await createPostgresStorage(await createDatabase(postgres.url, 'appends'))
    try {
      const good = [1, 2, 3].map((i) => storage.appendUpdate('ok', 'board', update(`k${i}`, i), 1_000))
      // A NUL byte in a text column: refused by PostgreSQL, so the whole batch statement fails.
      const bad = storage.appendUpdate('bad\u0000id', 'board', update('x', 0), 1_000)
      await expect(bad).rejects.toThrow()
      expect((await Promise.all(good)).map((g) => g.seq)).toEqual([1, 2, 3])
      expect((await storage.loadDoc('ok', 'board')).tail.map((u) => u.seq)).toEqual([1, 2, 3])
    } finally {
      await storage.close()
    }
  })

  it.each([1, 3])(
    'an update and the roles of the ids it brings commit together: no reader sees one alone (%i in one turn)',
    async (appends) => {
      postgres ??= await startPostgres()
      const url = await createDatabase(postgres.url, `appends_ids_${appends}`)
      const storage = await createPostgresStorage(url)
      const reader = new pg.Client({ connectionString: url })
      await reader.connect()
      try {
        await storage.appendUpdate('s', 'board', update('a', 1), 1_000) // the tables exist
        // Another transaction holds client_ids: the statement that stores the ids must wait for it.
        await reader.query('BEGIN')
        await reader.query('LOCK TABLE client_ids IN EXCLUSIVE MODE')
        // One append goes in the single statement, several of one turn in the batched one.
        const turn = Promise.all(
          Array.from({ length: appends }, (_, i) =>
            storage.appendUpdate(
              's',
              'board',
              update(`b${i}`, i),
              2_000,
              i < 2 ? [[7 + i, 'candidate']] : undefined,
            ),
          ),
        )
        const blocked = new pg.Client({ connectionString: url })
        await blocked.connect()
        try {
          await vi.waitFor(
            async () => {
              const { rows } = await blocked.query(
                `SELECT count(*)::int AS n FROM pg_stat_activity
               WHERE datname = current_database() AND wait_event_type = 'Lock'`,
              )
              expect(rows[0].n).toBe(1)
            },
            { timeout: 5_000, interval: 20 },
          )
          // While the ids wait, the update is not in the log either.
          const { rows } = await blocked.query(`SELECT seq FROM updates WHERE session_id = 's' ORDER BY seq`)
          expect(rows.map((r) => Number(r.seq))).toEqual([1])
        } finally {
          await blocked.end()
        }
        await reader.query('COMMIT')
        expect((await turn).map((t) => t.seq)).toEqual(appends === 1 ? [2] : [2, 3, 4])
        expect([...(await storage.loadClientIds('s', 'board'))].sort()).toEqual(
          appends === 1
            ? [[7, 'candidate']]
            : [
                [7, 'candidate'],
                [8, 'candidate'],
              ],
        )
      } finally {
        await reader.end().catch(() => {})
        await storage.close()
      }
    },
  )

  it("refuses, in a turn's batched statement, the append under an id recorded for another role: alone", async () => {
    postgres ??= await startPostgres()
    const storage = await createPostgresStorage(await createDatabase(postgres.url, 'appends_refused'))
    try {
      await storage.appendUpdate('s', 'board', update('a', 1), 1_000, [[7, 'candidate']])
      const forged = storage.appendUpdate('s', 'board', update('x', 0), 2_000, [[7, 'interviewer']])
      const honest = storage.appendUpdate('s', 'board', update('b', 2), 2_000, [[9, 'interviewer']])
      await expect(forged).rejects.toThrow(/client id 7 is recorded for the candidate/)
      expect((await honest).seq).toBe(2)
      expect((await storage.loadDoc('s', 'board')).tail.map((u) => u.seq)).toEqual([1, 2])
      expect(await storage.loadClientIds('s', 'board')).toEqual(
        new Map([
          [7, 'candidate'],
          [9, 'interviewer'],
        ]),
      )
    } finally {
      await storage.close()
    }
  })
})
