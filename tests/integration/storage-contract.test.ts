import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'

import { compact } from '../../server/src/storage/compact.js'
import { createPostgresStorage } from '../../server/src/storage/postgres.js'
import { createSqliteStorage } from '../../server/src/storage/sqlite.js'
import type { SessionRecord, Storage } from '../../server/src/storage/Storage.js'
import { createDatabase, type Service, skipUnlessServices, startPostgres } from '../helpers/services.js'

const record = (id: string): SessionRecord => ({
  id,
  title: 'Design a feed',
  problem: 'News feed',
  problemId: 'news-feed',
  phases: [{ name: 'All', minutes: 60 }],
  createdAt: 1_000,
  endedAt: null,
  reportShared: false,
})

function update(key: string, value: number): Uint8Array {
  const doc = new Y.Doc()
  doc.getMap('m').set(key, value)
  return Y.encodeStateAsUpdate(doc)
}

const read = (parts: { snapshot: { data: Uint8Array } | null; tail: { data: Uint8Array }[] }) => {
  const doc = new Y.Doc()
  if (parts.snapshot) Y.applyUpdate(doc, parts.snapshot.data)
  for (const u of parts.tail) Y.applyUpdate(doc, u.data)
  return doc.getMap('m').toJSON()
}

/** One contract, every backend: what rooms, replay and reports rely on. */
function contract(name: string, open: () => Promise<{ storage: Storage; done: () => Promise<void> }>) {
  describe(`storage contract: ${name}`, () => {
    let storage: Storage
    let done: () => Promise<void>
    beforeAll(async () => ({ storage, done } = await open()))
    afterAll(async () => done())

    it('creates, reads and updates sessions', async () => {
      await storage.createSession(record('s1'))
      expect(await storage.getSession('s1')).toEqual(record('s1'))
      expect(await storage.getSession('nope')).toBeNull()
      await storage.updateSession('s1', { endedAt: 5_000, reportShared: true })
      expect(await storage.getSession('s1')).toMatchObject({ endedAt: 5_000, reportShared: true })
      await expect(storage.createSession(record('s1'))).rejects.toThrow()
    })

    it('numbers appends per document and never lets time go backwards', async () => {
      await storage.createSession(record('s2'))
      const a = await storage.appendUpdate('s2', 'board', update('a', 1), 2_000)
      const b = await storage.appendUpdate('s2', 'board', update('b', 2), 1_500)
      const c = await storage.appendUpdate('s2', 'control', update('c', 3), 1_000)
      expect([a, b, c]).toEqual([
        { seq: 1, at: 2_000 },
        { seq: 2, at: 2_000 },
        { seq: 1, at: 1_000 },
      ])
      const events = await storage.listUpdates('s2')
      expect(events.map((e) => [e.doc, e.seq, e.at])).toEqual([
        ['control', 1, 1_000],
        ['board', 1, 2_000],
        ['board', 2, 2_000],
      ])
      expect(events.every((e) => e.size > 0)).toBe(true)
    })

    it("sums the bytes of a document's log, snapshots not counted", async () => {
      await storage.createSession(record('s5'))
      expect(await storage.logBytes('s5', 'board')).toBe(0)
      const a = update('a', 1)
      const b = update('b', 2)
      await storage.appendUpdate('s5', 'board', a, 1_000)
      await storage.appendUpdate('s5', 'board', b, 1_001)
      await storage.appendUpdate('s5', 'control', update('c', 3), 1_002)
      await compact(storage, 's5', 'board', 1_001)
      expect(await storage.logBytes('s5', 'board')).toBe(a.byteLength + b.byteLength)
    })

    it('loads snapshot plus tail, and exact states at any instant', async () => {
      await storage.createSession(record('s3'))
      for (let i = 1; i <= 30; i++)
        await storage.appendUpdate('s3', 'board', update(`k${i}`, i), 10_000 + i * 10)
      await compact(storage, 's3', 'board', 10_000 + 20 * 10)
      const loaded = await storage.loadDoc('s3', 'board')
      expect(loaded.snapshot?.seq).toBe(20)
      expect(loaded.tail.map((u) => u.seq)).toEqual([21, 22, 23, 24, 25, 26, 27, 28, 29, 30])
      expect(Object.keys(read(loaded))).toHaveLength(30)
      for (const i of [1, 19, 20, 21, 30]) {
        const at = await storage.loadDocAt('s3', 'board', 10_000 + i * 10)
        const before = await storage.loadDocAt('s3', 'board', 10_000 + i * 10 - 1)
        expect(Object.keys(read(at))).toHaveLength(i)
        expect(read(before)[`k${i}`]).toBeUndefined()
      }
      expect(read(await storage.loadDocAt('s3', 'board', 0))).toEqual({})
      expect((await storage.updatesAfter('s3', 'board', 27)).map((u) => u.seq)).toEqual([28, 29, 30])
    })

    it('loads the segment holding any update: its opening snapshot and the log up to the next one', async () => {
      await storage.createSession(record('s4'))
      for (let i = 1; i <= 25; i++) await storage.appendUpdate('s4', 'board', update(`k${i}`, i), 20_000 + i)
      await compact(storage, 's4', 'board', 20_000 + 10)
      await compact(storage, 's4', 'board', 20_000 + 20)
      const first = await storage.loadSegment('s4', 'board', 0)
      expect([first.snapshot, first.tail.map((u) => u.seq), first.closedBy]).toEqual([
        null,
        [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
        10,
      ])
      for (const seq of [10, 11, 20]) {
        const middle = await storage.loadSegment('s4', 'board', seq)
        const opening = seq === 20 ? 20 : 10
        expect(middle.snapshot?.seq).toBe(opening)
        expect(middle.tail.map((u) => u.seq)).toEqual(
          seq === 20 ? [21, 22, 23, 24, 25] : [11, 12, 13, 14, 15, 16, 17, 18, 19, 20],
        )
        expect(middle.closedBy).toBe(seq === 20 ? null : 20)
      }
      // The closing update's state is the next snapshot's: the segment ends exactly there.
      expect(read(await storage.loadSegment('s4', 'board', 15))).toEqual(
        read(await storage.loadDocAt('s4', 'board', 20_000 + 20)),
      )
      expect((await storage.loadSegment('s4', 'board', 999)).tail.map((u) => u.seq)).toEqual([
        21, 22, 23, 24, 25,
      ])
    })

    it('stores assets per session up to a total cap, and reads them back by id', async () => {
      await storage.createSession(record('sa'))
      await storage.createSession(record('sb'))
      const asset = (id: string, sessionId: string, size: number) => ({
        id,
        sessionId,
        contentType: 'image/png',
        data: new Uint8Array(size).map((_, i) => i % 251),
        createdAt: 7_000,
      })
      expect(await storage.putAsset(asset('a1', 'sa', 600), 1_000)).toBe(true)
      expect(await storage.putAsset(asset('a2', 'sa', 400), 1_000)).toBe(true)
      // Exactly at the cap is fine; one byte past it is not, and nothing is stored.
      expect(await storage.putAsset(asset('a3', 'sa', 1), 1_000)).toBe(false)
      expect(await storage.getAsset('a3')).toBeNull()
      expect(await storage.putAsset(asset('b1', 'sb', 900), 1_000)).toBe(true)
      const read = await storage.getAsset('a1')
      expect(read).toMatchObject({ id: 'a1', sessionId: 'sa', contentType: 'image/png', createdAt: 7_000 })
      expect(Buffer.from(read!.data).equals(Buffer.from(asset('a1', 'sa', 600).data))).toBe(true)
      expect(await storage.getAsset('nope')).toBeNull()
      await expect(storage.putAsset(asset('a1', 'sb', 10), 1_000)).rejects.toThrow()
    })

    it('answers pings', async () => {
      await expect(storage.ping()).resolves.toBeUndefined()
    })
  })
}

contract('sqlite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mockboard-contract-'))
  const storage = createSqliteStorage(join(dir, 'test.db'))
  return { storage, done: async () => (await storage.close(), rmSync(dir, { recursive: true, force: true })) }
})

const skip = skipUnlessServices()
let pg: Service | null = null
afterAll(async () => pg?.stop())
if (!skip) {
  contract('postgres', async () => {
    pg ??= await startPostgres()
    const storage = await createPostgresStorage(await createDatabase(pg.url, 'contract'))
    return { storage, done: () => storage.close() }
  })
}
