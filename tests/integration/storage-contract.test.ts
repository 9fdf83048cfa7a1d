import { randomBytes } from 'node:crypto'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'

import { compact } from '../../server/src/storage/compact.js'
import type { SessionRecord, Storage } from '../../server/src/storage/Storage.js'
import { sessionRecord } from '../helpers/sessionRecord.js'
import {
  type Backdoor,
  type Backend,
  mapUpdate as update,
  storageBackends,
} from '../helpers/storageBackends.js'

const record = (id: string): SessionRecord => sessionRecord(id)

const read = (parts: { snapshot: { data: Uint8Array } | null; tail: { data: Uint8Array }[] }) => {
  const doc = new Y.Doc()
  if (parts.snapshot) Y.applyUpdate(doc, parts.snapshot.data)
  for (const u of parts.tail) Y.applyUpdate(doc, u.data)
  return doc.getMap('m').toJSON()
}

/** One contract, every backend: what rooms, replay and reports rely on. */
function contract(name: string, open: () => Promise<Backend>) {
  describe(`storage contract: ${name}`, () => {
    let storage: Storage
    let backdoor: Backdoor
    let done: () => Promise<void>
    beforeAll(async () => ({ storage, backdoor, done } = await open()))
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

    it('numbers appends made at once in the order made, also those made while others commit', async () => {
      for (const id of ['s2a', 's2b']) await storage.createSession(record(id))
      const docs = [
        ['s2a', 'board'],
        ['s2a', 'control'],
        ['s2b', 'board'],
      ] as const
      const made: {
        key: string
        data: Uint8Array
        given: number
        stored: Promise<{ seq: number; at: number }>
      }[] = []
      const append = (i: number) => {
        const [id, doc] = docs[i % docs.length]!
        const data = update(`k${i}`, i)
        // Times out of order: the store raises them so they never go backwards along seq.
        const given = 10_000 + ((i * 7919) % 1_000)
        made.push({ key: `${id}/${doc}`, data, given, stored: storage.appendUpdate(id, doc, data, given) })
      }
      for (let i = 0; i < 30; i++) append(i)
      // The first ones are on their way to the store now; these go while they commit.
      await new Promise((resolve) => setImmediate(resolve))
      for (let i = 30; i < 45; i++) append(i)
      const stored = await Promise.all(made.map((m) => m.stored))
      for (const [id, doc] of docs) {
        const mine = made.flatMap((m, i) => (m.key === `${id}/${doc}` ? [{ ...m, ...stored[i]! }] : []))
        expect(mine.map((m) => m.seq)).toEqual(mine.map((_, k) => k + 1))
        for (const [k, m] of mine.entries()) {
          expect(m.at).toBeGreaterThanOrEqual(m.given)
          if (k > 0) expect(m.at).toBeGreaterThanOrEqual(mine[k - 1]!.at)
        }
        const log = await storage.loadDoc(id, doc)
        expect(log.tail.map((u) => [u.seq, u.at, [...u.data]])).toEqual(
          mine.map((m) => [m.seq, m.at, [...m.data]]),
        )
      }
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

    it("keeps the log's size beside each snapshot: a load never sums the log before it", async () => {
      await storage.createSession(record('s6'))
      let total = 0
      const append = async (n: number) => {
        const data = update(`k${n}`, n)
        total += data.byteLength
        await storage.appendUpdate('s6', 'board', data, 30_000 + n)
      }
      for (let n = 1; n <= 10; n++) await append(n)
      await compact(storage, 's6', 'board', 30_000 + 6)
      for (let n = 11; n <= 20; n++) await append(n)
      await compact(storage, 's6', 'board', 30_000 + 15)
      for (let n = 21; n <= 23; n++) await append(n)
      expect(await storage.logBytes('s6', 'board')).toBe(total)
      // The rows before the latest snapshot are not read again: deleting them changes nothing.
      await backdoor.deleteUpdatesUpTo('s6', 'board', 15)
      expect(await storage.logBytes('s6', 'board')).toBe(total)
    })

    it('sums the log once for snapshots written before log sizes were kept', async () => {
      await storage.createSession(record('s7'))
      let total = 0
      for (let n = 1; n <= 8; n++) {
        const data = update(`k${n}`, n)
        total += data.byteLength
        await storage.appendUpdate('s7', 'board', data, 40_000 + n)
        if (n === 4) await compact(storage, 's7', 'board', 40_000 + n)
      }
      await backdoor.forgetLogBytes('s7', 'board')
      expect(await storage.logBytes('s7', 'board')).toBe(total)
      // The next snapshot records the size again, from the whole log this once.
      await compact(storage, 's7', 'board', 40_000 + 8)
      await backdoor.deleteUpdatesUpTo('s7', 'board', 8)
      expect(await storage.logBytes('s7', 'board')).toBe(total)
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
      // The last seq, snapshots or not; 0 for a document or session with nothing stored.
      expect(await storage.lastSeq('s3', 'board')).toBe(30)
      expect(await storage.lastSeq('s3', 'control')).toBe(0)
      expect(await storage.lastSeq('no-such-session', 'board')).toBe(0)
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
      // The same bounds from the keys alone, for any update of each segment.
      for (const [seq, bounds] of [
        [0, { from: 0, last: 10, closedBy: 10 }],
        [10, { from: 10, last: 20, closedBy: 20 }],
        [15, { from: 10, last: 20, closedBy: 20 }],
        [20, { from: 20, last: 25, closedBy: null }],
        [999, { from: 20, last: 25, closedBy: null }],
      ] as const)
        expect(await storage.segmentBounds('s4', 'board', seq), `seq ${seq}`).toEqual(bounds)
      expect(await storage.segmentBounds('s4', 'control', 3)).toEqual({ from: 0, last: 0, closedBy: null })
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

    it('measures the bytes it occupies, growing as data is stored (for MOCKBOARD_MAX_DATA_BYTES)', async () => {
      const before = await storage.usedBytes()
      expect(before).toBeGreaterThan(0)
      await storage.createSession(record('s-bytes'))
      // Random: PostgreSQL compresses what it can, and the cap is about bytes on disk.
      const big = new Uint8Array(randomBytes(2 * 1024 * 1024))
      await storage.appendUpdate('s-bytes', 'board', big, 9_000)
      expect(await storage.usedBytes()).toBeGreaterThanOrEqual(before + big.byteLength)
    })

    it("keeps participants' cameras per session in time order", async () => {
      const cam = (at: number, role: 'interviewer' | 'candidate', x: number) =>
        ({
          at,
          role,
          name: `${role} ${x}`,
          page: 'page:page',
          x,
          y: -x / 2,
          z: 0.75,
          w: 1440.5,
          h: 900,
        }) as const
      await storage.appendCameras('c1', [cam(20, 'candidate', 1.5), cam(20, 'interviewer', 2)])
      await storage.appendCameras('c1', [cam(10, 'candidate', -300)])
      await storage.appendCameras('c2', [cam(5, 'candidate', 9)])
      await storage.appendCameras('c1', [])
      expect(await storage.listCameras('c1')).toEqual([
        cam(10, 'candidate', -300),
        cam(20, 'candidate', 1.5),
        cam(20, 'interviewer', 2),
      ])
      expect(await storage.listCameras('none')).toEqual([])
      expect([await storage.countCameras('c1'), await storage.countCameras('none')]).toEqual([3, 0])
    })

    it('answers pings', async () => {
      await expect(storage.ping()).resolves.toBeUndefined()
    })
  })
}

for (const [name, open] of storageBackends('contract')) contract(name, open)
