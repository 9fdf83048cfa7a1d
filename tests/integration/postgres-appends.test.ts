import { afterAll, describe, expect, it } from 'vitest'
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
})
