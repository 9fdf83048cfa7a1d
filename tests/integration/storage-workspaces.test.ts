import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import type { SessionSummary } from '@mockboard/shared'
import Database from 'better-sqlite3'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'

import { compact } from '../../server/src/storage/compact.js'
import { createPostgresStorage } from '../../server/src/storage/postgres.js'
import { createSqliteStorage } from '../../server/src/storage/sqlite.js'
import type { SessionRecord, Storage } from '../../server/src/storage/Storage.js'
import { FIRST_PAGE } from '../../server/src/workspace/listingCursor.js'
import { createDatabase, type Service, skipUnlessServices, startPostgres } from '../helpers/services.js'
import { sessionRecord } from '../helpers/sessionRecord.js'

const record = (id: string, patch: Partial<SessionRecord> = {}): SessionRecord =>
  sessionRecord(id, { title: `Session ${id}`, problem: 'Chat', problemId: 'chat', ...patch })

const summary: SessionSummary = {
  startedAt: 1_100,
  endedAt: 9_000,
  activeMs: 7_900,
  overrunMs: 1_900,
  overrunPhases: 1,
  phases: [{ name: 'All', plannedMs: 6_000, actualMs: 7_900 }],
  scores: { scale: 2, storage: 4 },
  recommendation: 'lean-yes',
}

const update = (value: number): Uint8Array => {
  const doc = new Y.Doc()
  doc.getMap('m').set('k', value)
  return Y.encodeStateAsUpdate(doc)
}

/** Raw SQL beside the store: a table some later feature adds, and row counts. */
interface Raw {
  exec(sql: string): Promise<void>
  count(table: string, sessionId: string): Promise<number>
}

/** Workspaces and deletion, on every backend: what the workspace routes and retention rely on. */
function contract(
  name: string,
  open: () => Promise<{ storage: Storage; raw: Raw; done: () => Promise<void> }>,
) {
  describe(`storage contract (workspaces, deletion): ${name}`, () => {
    let storage: Storage
    let raw: Raw
    let done: () => Promise<void>
    beforeAll(async () => ({ storage, raw, done } = await open()))
    afterAll(async () => done())

    it('keeps workspaces, rotates their key, lists their sessions newest first with summaries', async () => {
      await storage.createWorkspace({ id: 'w1', keyHash: 'aa', createdAt: 10 })
      expect(await storage.getWorkspace('w1')).toEqual({ id: 'w1', keyHash: 'aa', createdAt: 10 })
      expect(await storage.getWorkspace('nope')).toBeNull()
      expect(await storage.setWorkspaceKey('w1', 'aa', 'bb')).toBe(true)
      expect((await storage.getWorkspace('w1'))?.keyHash).toBe('bb')

      await storage.createSession(record('a', { workspaceId: 'w1', candidate: 'Ada', createdAt: 100 }))
      await storage.createSession(record('b', { workspaceId: 'w1', candidate: 'Bo', createdAt: 200 }))
      await storage.createSession(record('c', { createdAt: 300 }))
      await storage.updateSession('c', { workspaceId: 'w1', candidate: 'Ada' })
      await storage.createSession(record('other', { workspaceId: 'w2', candidate: 'Eve', createdAt: 400 }))
      await storage.saveSummary('a', summary)

      const listed = await storage.listWorkspaceSessions('w1', FIRST_PAGE, 10)
      expect(listed.map((s) => s.id)).toEqual(['c', 'b', 'a'])
      expect(listed[2]).toEqual({
        ...record('a', { workspaceId: 'w1', candidate: 'Ada', createdAt: 100 }),
        summary,
      })
      expect(listed[0]!.summary).toBeNull()
      // Pages: at most `limit`, then the ones created before the last.
      const first = await storage.listWorkspaceSessions('w1', FIRST_PAGE, 2)
      expect(first.map((s) => s.id)).toEqual(['c', 'b'])
      expect((await storage.listWorkspaceSessions('w1', first[1]!, 2)).map((s) => s.id)).toEqual(['a'])
      expect(await storage.workspaceCandidates('w1', 10)).toEqual(['Ada', 'Bo'])
      expect(await storage.getSession('c')).toMatchObject({ workspaceId: 'w1', candidate: 'Ada' })
    })

    it('pages sessions created in the same millisecond one by one, none skipped, none repeated', async () => {
      await storage.createWorkspace({ id: 'same-ms', keyHash: 'k', createdAt: 10 })
      const ids = ['m3', 'm1', 'm4', 'm2']
      for (const id of ids)
        await storage.createSession(record(id, { workspaceId: 'same-ms', createdAt: 500 }))
      await storage.createSession(record('m0', { workspaceId: 'same-ms', createdAt: 400 }))
      const seen: string[] = []
      let page = await storage.listWorkspaceSessions('same-ms', FIRST_PAGE, 1)
      while (page.length > 0 && seen.length < 10) {
        seen.push(page[0]!.id)
        page = await storage.listWorkspaceSessions('same-ms', page[0]!, 1)
      }
      expect(seen).toEqual(['m4', 'm3', 'm2', 'm1', 'm0'])
      // A bare time (the old cursor) still starts before every session of that millisecond.
      expect(
        (await storage.listWorkspaceSessions('same-ms', { createdAt: 500, id: '' }, 5)).map((s) => s.id),
      ).toEqual(['m0'])
    })

    it('rotates a key only from the key it was read with; claims a session only while it is in no workspace', async () => {
      await storage.createWorkspace({ id: 'race', keyHash: 'old', createdAt: 10 })
      const won = await Promise.all([
        storage.setWorkspaceKey('race', 'old', 'new-a'),
        storage.setWorkspaceKey('race', 'old', 'new-b'),
      ])
      expect(won.filter(Boolean)).toHaveLength(1)
      expect((await storage.getWorkspace('race'))?.keyHash).toBe(won[0] ? 'new-a' : 'new-b')

      await storage.createSession(record('loose'))
      const claimed = await Promise.all([
        storage.claimSession('loose', 'wa'),
        storage.claimSession('loose', 'wb'),
      ])
      expect(claimed.filter(Boolean)).toHaveLength(1)
      expect((await storage.getSession('loose'))?.workspaceId).toBe(claimed[0] ? 'wa' : 'wb')
      expect(await storage.claimSession('loose', 'wa')).toBe(false)
    })

    it('deletes a session and every row naming it, in every table, and nothing of other sessions', async () => {
      await raw.exec('CREATE TABLE later_feature (session_id TEXT NOT NULL, data TEXT NOT NULL)')
      for (const id of ['gone', 'kept']) {
        await storage.createSession(record(id))
        await storage.appendUpdate(id, 'board', update(1), 1_000)
        await storage.appendUpdate(id, 'board', update(2), 1_001)
        await compact(storage, id, 'board', 1_001)
        await storage.appendUpdate(id, 'private', update(3), 1_002)
        await storage.putAsset(
          {
            id: `asset-${id}`,
            sessionId: id,
            contentType: 'image/png',
            data: new Uint8Array(8),
            createdAt: 1,
          },
          1_000,
        )
        await raw.exec(`INSERT INTO later_feature (session_id, data) VALUES ('${id}', 'voice')`)
      }
      expect(await storage.deleteSession('gone')).toBe(true)
      expect(await storage.getSession('gone')).toBeNull()
      expect(await storage.listUpdates('gone')).toEqual([])
      expect(await storage.loadDoc('gone', 'board')).toEqual({ snapshot: null, tail: [] })
      expect(await storage.getAsset('asset-gone')).toBeNull()
      for (const table of ['updates', 'snapshots', 'assets', 'later_feature'])
        expect(await raw.count(table, 'gone'), table).toBe(0)
      expect(await storage.deleteSession('gone')).toBe(false)

      expect(await storage.getSession('kept')).not.toBeNull()
      expect((await storage.listUpdates('kept')).length).toBe(3)
      expect(await raw.count('later_feature', 'kept')).toBe(1)
      expect(await storage.getAsset('asset-kept')).not.toBeNull()
      // A new document under a deleted id would start again at seq 1, not where the old one stopped.
      await storage.createSession(record('gone'))
      expect(await storage.appendUpdate('gone', 'board', update(4), 2_000)).toEqual({ seq: 1, at: 2_000 })
    })

    it('finds sessions created before a time, oldest first, bounded', async () => {
      await storage.createSession(record('old1', { createdAt: -3_000 }))
      await storage.createSession(record('old2', { createdAt: -2_000 }))
      expect(await storage.sessionsCreatedBefore(-1_000, 10)).toEqual(['old1', 'old2'])
      expect(await storage.sessionsCreatedBefore(-1_000, 1)).toEqual(['old1'])
    })
  })
}

contract('sqlite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mockboard-ws-contract-'))
  const file = join(dir, 'test.db')
  const storage = createSqliteStorage(file)
  const db = new Database(file)
  return {
    storage,
    raw: {
      exec: async (sql) => void db.exec(sql),
      count: async (table, id) =>
        db.prepare<[string], number>(`SELECT count(*) FROM ${table} WHERE session_id = ?`).pluck().get(id) ??
        0,
    },
    done: async () => {
      db.close()
      await storage.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
})

const skip = skipUnlessServices()
let postgres: Service | null = null
afterAll(async () => postgres?.stop())
if (!skip) {
  contract('postgres', async () => {
    postgres ??= await startPostgres()
    const url = await createDatabase(postgres.url, 'workspaces')
    const storage = await createPostgresStorage(url)
    const client = new pg.Client({ connectionString: url })
    await client.connect()
    return {
      storage,
      raw: {
        exec: async (sql) => void (await client.query(sql)),
        count: async (table, id) =>
          Number(
            (
              await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${table} WHERE session_id = $1`, [
                id,
              ])
            ).rows[0]!.n,
          ),
      },
      done: async () => {
        await client.end()
        await storage.close()
      },
    }
  })
}
