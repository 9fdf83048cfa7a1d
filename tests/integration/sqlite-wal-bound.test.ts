import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { afterEach, describe, expect, it } from 'vitest'

import { createSqliteStorage } from '../../server/src/storage/sqlite.js'

const cleanup: (() => unknown)[] = []
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn()
})

/**
 * SQLite reuses the WAL from its start only when a write begins with every frame checkpointed; the
 * checkpoints run on a thread beside the writes (checkpointer.ts). A soak at 2,000 appends/s with
 * the writes on the event loop grew the WAL by ~27 MB/s (19 GB in 12 minutes) while every passive
 * checkpoint caught up: with the writes on their own thread it stays small.
 */
describe('the WAL under a steady stream of appends', () => {
  it('is reused from its start: it stays far below what was written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mockboard-wal-'))
    const file = join(dir, 'db.sqlite')
    const storage = createSqliteStorage(file)
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }))
    cleanup.push(() => storage.close())
    const data = new Uint8Array(450).fill(7)
    // 50 rooms appending back to back, each append after the previous one's commit, for 3 s.
    const end = performance.now() + 3_000
    let appends = 0
    await Promise.all(
      Array.from({ length: 50 }, async (_, room) => {
        while (performance.now() < end) {
          await storage.appendUpdate(`session-${room}`, 'board', data, Date.now())
          appends++
        }
      }),
    )
    const walBytes = statSync(`${file}-wal`).size
    // Each commit adds a few 4 KiB pages: a WAL never reused would hold ~5 KB per append.
    expect(appends).toBeGreaterThan(10_000)
    expect(walBytes).toBeLessThan(Math.min(64 * 1024 * 1024, appends * 1_000))
  }, 20_000)
})
