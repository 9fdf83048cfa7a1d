import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { type App, buildApp } from '@mockboard/server'
import { afterEach, describe, expect, it, vi } from 'vitest'

import { loadConfig } from '../../server/src/config.js'
import { createSqliteStorage } from '../../server/src/storage/sqlite.js'
import type { Storage } from '../../server/src/storage/Storage.js'
import { createSession } from '../helpers/server.js'

const cleanup: (() => unknown)[] = []
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn()
})

/** Real SQLite storage whose point-in-time loads wait while `hold` is set: a read that takes its time. */
function slowStorage(file: string) {
  const real = createSqliteStorage(file)
  const gate = { hold: null as Promise<void> | null, entered: 0 }
  const storage: Storage = Object.create(real)
  storage.loadDocAt = async (...args) => {
    gate.entered++
    if (gate.hold) await gate.hold
    return real.loadDocAt(...args)
  }
  return { storage, gate }
}

describe('replay reads are bounded', () => {
  it('runs MOCKBOARD_CONCURRENT_READS at once, queues 16× more, and refuses the rest with 503 + Retry-After', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'mockboard-reads-'))
    cleanup.push(() => rmSync(dataDir, { recursive: true, force: true }))
    const { storage, gate } = slowStorage(join(dataDir, 'mockboard.db'))
    const config = loadConfig(
      { LOG_LEVEL: 'silent' },
      { dataDir, http: { concurrentReads: 1, createPerMinute: 0, readsPerMinute: 0 } },
    )
    const app: App = await buildApp(config, { storage })
    cleanup.push(() => app.close())
    await app.fastify.listen({ port: 0, host: '127.0.0.1' })
    const address = app.fastify.server.address()
    const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`
    const session = await createSession(url)
    const state = () =>
      fetch(`${url}/api/sessions/${session.id}/state?doc=board&at=${Date.now()}`, {
        headers: { authorization: `Bearer ${session.tokens.candidate}` },
      })

    let release!: () => void
    gate.hold = new Promise((resolve) => (release = resolve))
    cleanup.push(() => release())
    const first = state()
    await vi.waitFor(() => expect(gate.entered).toBe(1))
    const queued = Array.from({ length: 16 }, () => state())
    await vi.waitFor(() => expect(app.context.readGate.queued).toBe(16))
    // Nothing else reached storage while the first read held the only slot.
    expect(gate.entered).toBe(1)

    const refused = await state()
    expect(refused.status).toBe(503)
    expect(refused.headers.get('retry-after')).toBe('1')
    expect((await refused.json()).message).toMatch(/too many replay reads/)

    release()
    const statuses = await Promise.all([first, ...queued].map((p) => p.then((r) => r.status)))
    expect(statuses).toEqual(Array(17).fill(200))
    expect(app.context.readGate.queued).toBe(0)
    expect((await state()).status).toBe(200)
  })
})
