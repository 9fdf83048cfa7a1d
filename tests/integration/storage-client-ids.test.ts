import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'

import { MAX_ANNOUNCED_PER_ROLE, type SessionRecord, type Storage } from '../../server/src/storage/Storage.js'
import { sessionRecord } from '../helpers/sessionRecord.js'
import { mapUpdate as update, storageBackends } from '../helpers/storageBackends.js'

const record = (id: string): SessionRecord => sessionRecord(id)

/** The map an update made with update() writes. */
function decodedMap(data: Uint8Array): Record<string, unknown> {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, data)
  return doc.getMap('m').toJSON()
}

/** The roles of client ids (see UpdateGate), on every store: part of the storage contract. */
for (const [name, open] of storageBackends('client_ids'))
  describe(`storage contract, client ids: ${name}`, () => {
    let storage: Storage
    let done: () => Promise<void>
    beforeAll(async () => ({ storage, done } = await open()))
    afterAll(async () => done())

    it("records the role of each client id with the update that brings it, refuses an append under another role's id, and deletes them with the session", async () => {
      await storage.createSession(record('ids'))
      await storage.appendUpdate('ids', 'board', update('a', 1), 1_000, [
        [4_294_967_295, 'interviewer'],
        [7, 'candidate'],
      ])
      // Appends of one turn (one statement with PostgreSQL), some with ids and some without. An
      // id recorded for another role fails its append alone, and nothing of it is stored.
      const turn = [
        storage.appendUpdate('ids', 'board', update('b', 2), 1_001, [
          [7, 'candidate'],
          [9, 'interviewer'],
        ]),
        storage.appendUpdate('ids', 'board', update('x', 0), 1_001, [[7, 'interviewer']]),
        storage.appendUpdate('ids', 'board', update('c', 3), 1_002, [[9, 'interviewer']]),
        storage.appendUpdate('ids', 'board', update('d', 3), 1_002),
        storage.appendUpdate('ids', 'control', update('d', 4), 1_003, [[7, 'interviewer']]),
        storage.appendUpdate('ids', 'control', update('e', 5), 1_004, [[8, 'candidate']]),
      ]
      await expect(turn[1]).rejects.toThrow(/client id 7 is recorded for the candidate/)
      await Promise.all(turn.filter((_, i) => i !== 1))
      expect(await storage.loadClientIds('ids', 'board')).toEqual(
        new Map([
          [4_294_967_295, 'interviewer'],
          [7, 'candidate'],
          [9, 'interviewer'],
        ]),
      )
      expect(await storage.loadClientIds('ids', 'control')).toEqual(
        new Map([
          [7, 'interviewer'],
          [8, 'candidate'],
        ]),
      )
      const board = (await storage.loadDoc('ids', 'board')).tail
      expect(board.map((u) => u.seq)).toEqual([1, 2, 3, 4])
      expect(board.map((u) => Object.keys(decodedMap(u.data)).join())).toEqual(['a', 'b', 'c', 'd'])
      expect(await storage.loadClientIds('none', 'board')).toEqual(new Map())
      await storage.deleteSession('ids')
      expect(await storage.loadClientIds('ids', 'board')).toEqual(new Map())
    })

    it("records announced ids, an id's first record standing, up to MAX_ANNOUNCED_PER_ROLE of a role", async () => {
      await storage.createSession(record('ann'))
      await storage.appendUpdate('ann', 'board', update('a', 1), 1_000, [[7, 'candidate']])
      await storage.recordAnnounced('ann', 'board', 'interviewer', [7, 8])
      expect(await storage.loadClientIds('ann', 'board')).toEqual(
        new Map([
          [7, 'candidate'],
          [8, 'interviewer'],
        ]),
      )
      // An append under an id announced by the other role fails like any other record.
      await expect(
        storage.appendUpdate('ann', 'board', update('x', 0), 1_001, [[8, 'candidate']]),
      ).rejects.toThrow(/client id 8 is recorded for the interviewer/)
      // A role's churn fills its own rows only: the other role's announced ids are still recorded.
      const many = Array.from({ length: MAX_ANNOUNCED_PER_ROLE + 50 }, (_, i) => 1_000 + i)
      await storage.recordAnnounced('ann', 'board', 'candidate', many)
      await storage.recordAnnounced('ann', 'board', 'candidate', [98])
      await storage.recordAnnounced('ann', 'board', 'interviewer', [99])
      const roles = [...(await storage.loadClientIds('ann', 'board')).values()]
      expect(roles.filter((r) => r === 'candidate')).toHaveLength(MAX_ANNOUNCED_PER_ROLE)
      expect((await storage.loadClientIds('ann', 'board')).get(99)).toBe('interviewer')
      // Ids with structs are recorded past it (bounded by the document), and the cap is a document's.
      await storage.appendUpdate('ann', 'board', update('b', 2), 1_002, [[9, 'candidate']])
      expect((await storage.loadClientIds('ann', 'board')).get(9)).toBe('candidate')
      await storage.recordAnnounced('ann', 'control', 'candidate', [97])
      expect(await storage.loadClientIds('ann', 'control')).toEqual(new Map([[97, 'candidate']]))
    })
  })
