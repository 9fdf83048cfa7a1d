import { describe, expect, it, vi } from 'vitest'

import { useHarness } from '../helpers/harness.js'
import { createSession } from '../helpers/server.js'

const { server, client } = useHarness()

describe("a busy room's writes", () => {
  it('are handed to SQLite before the previous one is committed, and still relayed in log order', async () => {
    const s = await server()
    const session = await createSession(s.url)
    const storage = s.app.context.storage
    const append = storage.appendUpdate.bind(storage)
    let inFlight = 0
    let maxInFlight = 0
    storage.appendUpdate = async (...args) => {
      inFlight++
      maxInFlight = Math.max(maxInFlight, inFlight)
      try {
        return await append(...args)
      } finally {
        inFlight--
      }
    }
    const writer = client(s.syncUrl, session.id, 'board', session.tokens.interviewer)
    const reader = client(s.syncUrl, session.id, 'board', session.tokens.candidate)
    await Promise.all([writer.synced, reader.synced])
    const lengths: number[] = []
    const list = reader.doc.getArray<number>('burst')
    reader.doc.on('update', () => lengths.push(list.length))
    // 200 updates in one burst, each its own message.
    const items = writer.doc.getArray<number>('burst')
    for (let i = 0; i < 200; i++) items.push([i])
    await vi.waitFor(() => expect(list.length).toBe(200), { timeout: 20_000 })
    expect(list.toArray()).toEqual(items.toArray())
    // Relayed in order: every update arrived applicable, one item each (none waited as pending).
    expect(lengths).toEqual(Array.from({ length: 200 }, (_, i) => i + 1))
    expect(maxInFlight).toBeGreaterThan(1)
    const stored = await storage.loadDoc(session.id, 'board')
    expect(stored.tail.map((u) => u.seq)).toEqual(stored.tail.map((_, i) => stored.tail[0]!.seq + i))
  })
})
