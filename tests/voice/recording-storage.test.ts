import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { afterAll, describe, expect, it } from 'vitest'

import { createPostgresStorage } from '../../server/src/storage/postgres.js'
import { createSqliteStorage } from '../../server/src/storage/sqlite.js'
import type { SessionRecord, Storage } from '../../server/src/storage/Storage.js'
import { createDatabase, type Service, skipUnlessServices, startPostgres } from '../helpers/services.js'
import { sessionRecord } from '../helpers/sessionRecord.js'

const session = (id: string): SessionRecord =>
  sessionRecord(id, { title: 'Voice', problem: '', problemId: null })

const chunk = (sessionId: string, recordingId: string, index: number, at: number, fill: number) => ({
  sessionId,
  recordingId,
  index,
  at,
  durationMs: 3000,
  data: new Uint8Array(100).fill(fill),
})

/** The recordings' part of the storage contract, on every backend. */
function contract(name: string, open: () => Promise<{ storage: Storage; done: () => Promise<void> }>) {
  describe(`recording storage: ${name}`, () => {
    it('keeps takes and chunks by index, caps the session atomically, deletes with the session', async () => {
      const { storage, done } = await open()
      try {
        await storage.createSession(session('s1'))
        const take = {
          id: 'take-0000000000001',
          sessionId: 's1',
          participant: 'Cam',
          role: 'candidate' as const,
          mime: 'audio/webm',
          consentedAt: 5_000,
          stoppedAt: null,
        }
        expect(await storage.createRecording(take, 100)).toBe('created')
        expect(await storage.getRecording('s1', take.id)).toEqual(take)
        expect(await storage.getRecording('s2', take.id)).toBeNull()
        expect(await storage.putAudioChunk(chunk('s1', take.id, 1, 9_000, 1), 1_000)).toBe('stored')
        expect(await storage.putAudioChunk(chunk('s1', take.id, 0, 9_500, 0), 1_000)).toBe('stored')
        expect(await storage.putAudioChunk(chunk('s1', take.id, 0, 9_600, 7), 1_000)).toBe('duplicate')
        // Ten 100-byte chunks fit in 1000: the racing rest is refused, never stored past the cap.
        const verdicts = await Promise.all(
          [2, 3, 4, 5, 6, 7, 8, 9, 10, 11].map((i) =>
            storage.putAudioChunk(chunk('s1', take.id, i, 10_000 + i, i), 1_000),
          ),
        )
        expect(verdicts.filter((v) => v === 'stored')).toHaveLength(8)
        expect(verdicts.filter((v) => v === 'full')).toHaveLength(2)
        const chunks = await storage.audioChunks('s1', take.id)
        expect(chunks.map((c) => c.index).slice(0, 2)).toEqual([0, 1])
        expect(chunks[0]!.data[0]).toBe(0)
        // A ranged read asks for sizes first, then for the few chunks the range covers.
        const layout = await storage.audioLayout('s1', take.id)
        expect(layout.slice(0, 3)).toEqual([
          { index: 0, size: 100 },
          { index: 1, size: 100 },
          { index: 2, size: 100 },
        ])
        expect(layout).toHaveLength(10)
        const some = await storage.audioChunkRange('s1', take.id, 1, 2)
        expect(some.map((c) => [c.index, c.data[0], c.data.byteLength])).toEqual([
          [1, 1, 100],
          [2, 2, 100],
        ])
        await storage.stopRecording('s1', take.id, 20_000)
        const [listed] = await storage.listRecordings('s1')
        expect(listed).toMatchObject({
          id: take.id,
          bytes: 1_000,
          durationMs: 30_000,
          startedAt: 6_500,
          stoppedAt: 20_000,
        })

        expect(await storage.deleteSession('s1')).toBe(true)
        expect(await storage.listRecordings('s1')).toEqual([])
        expect(await storage.audioChunks('s1', take.id)).toEqual([])

        await storage.createSession(session('s3'))
        await storage.createRecording({ ...take, sessionId: 's3' }, 100)
        await storage.putAudioChunk(chunk('s3', take.id, 0, 1, 1), 1_000)
        expect(await storage.deleteRecordings('s3')).toBe(1)
        expect(await storage.listRecordings('s3')).toEqual([])
      } finally {
        await done()
      }
    })

    it('caps the takes of a session atomically and lists them all in one answer', async () => {
      const { storage, done } = await open()
      try {
        await storage.createSession(session('s4'))
        const take = (i: number) => ({
          id: `take-cap-00000000${i}`,
          sessionId: 's4',
          participant: `P${i}`,
          role: 'candidate' as const,
          mime: 'audio/webm',
          consentedAt: 1_000 + i,
          stoppedAt: null,
        })
        const verdicts = await Promise.all([0, 1, 2, 3, 4, 5].map((i) => storage.createRecording(take(i), 3)))
        expect(verdicts.filter((v) => v === 'created')).toHaveLength(3)
        expect(verdicts.filter((v) => v === 'full')).toHaveLength(3)
        const listed = await storage.listRecordings('s4')
        expect(listed).toHaveLength(3)
        const first = listed[0]!
        await storage.putAudioChunk({ ...chunk('s4', first.id, 3, 9_000, 3), durationMs: 1_000 }, 10_000)
        await storage.putAudioChunk({ ...chunk('s4', first.id, 2, 8_000, 2), durationMs: 2_000 }, 10_000)
        const [again, empty] = await storage.listRecordings('s4')
        // The first chunk is the lowest index stored, whenever it arrived.
        expect(again).toMatchObject({
          id: first.id,
          startedAt: 6_000,
          durationMs: 3_000,
          bytes: 200,
          chunks: 2,
        })
        expect(empty).toMatchObject({ startedAt: null, durationMs: 0, bytes: 0, chunks: 0 })
      } finally {
        await done()
      }
    })
  })
}

contract('sqlite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mockboard-rec-'))
  const storage = createSqliteStorage(join(dir, 'db.sqlite'))
  return {
    storage,
    done: async () => {
      await storage.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
})

let postgres: Service | null = null
afterAll(async () => postgres?.stop())
if (!skipUnlessServices()) {
  contract('postgres', async () => {
    postgres ??= await startPostgres()
    const storage = await createPostgresStorage(await createDatabase(postgres.url, 'recordings'))
    return { storage, done: () => storage.close() }
  })
}
