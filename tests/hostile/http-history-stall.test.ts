import { monitorEventLoopDelay } from 'node:perf_hooks'

import { type SessionHistory, unpackUpdates } from '@mockboard/shared'
import { describe, expect, it } from 'vitest'

import { useHarness } from '../helpers/harness.js'
import { createSession } from '../helpers/server.js'

const h = useHarness()

/** Far past a real session (a 60-minute one stores a few thousand), as a writer at the rate limits leaves. */
const UPDATES = 150_000

describe('the replay timeline of a session with very many updates', () => {
  it('is listed and serialised off the event loop: /healthz answers while eight run', async () => {
    const s = await h.server()
    const session = await createSession(s.url)
    const { storage } = s.app.context
    const tiny = new Uint8Array([0, 0])
    for (let i = 0; i < UPDATES; i += 1000) {
      await Promise.all(
        Array.from({ length: 1000 }, (_, j) =>
          storage.appendUpdate(session.id, i + j < 10 ? 'private' : 'board', tiny, 1_000_000 + i + j),
        ),
      )
    }
    const stored = await storage.listUpdates(session.id)
    const privateCount = stored.filter((e) => e.doc === 'private').length
    const base = `${s.url}/api/sessions/${session.id}/history`
    const as = (token: string) => ({ headers: { authorization: `Bearer ${token}` } })

    const loop = monitorEventLoopDelay({ resolution: 10 })
    loop.enable()
    let done = false
    const reads = Promise.all([
      ...Array.from({ length: 7 }, () => fetch(`${base}?format=packed`, as(session.tokens.interviewer))),
      fetch(base, as(session.tokens.candidate)),
    ]).finally(() => (done = true))
    const healthz: number[] = []
    while (!done) {
      const t0 = performance.now()
      expect((await fetch(`${s.url}/healthz`)).status).toBe(200)
      healthz.push(performance.now() - t0)
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    const responses = await reads
    loop.disable()
    const stall = Math.round(loop.max / 1e6)
    console.log(
      `healthz ${healthz.length} probes, max ${Math.round(Math.max(...healthz))} ms; loop max ${stall} ms`,
    )

    expect(responses.map((r) => r.status)).toEqual(Array(8).fill(200))
    const packed = (await responses[0].json()) as SessionHistory & {
      updates: Parameters<typeof unpackUpdates>[0]
    }
    const all = unpackUpdates(packed.updates)
    expect(all.at).toHaveLength(stored.length)
    expect(stored.length).toBeGreaterThanOrEqual(UPDATES)
    expect(all.doc.filter((d) => d === 'private')).toHaveLength(privateCount)
    // The candidate's timeline leaves the private notes' updates out.
    const plain = (await responses[7]!.json()) as SessionHistory
    expect(plain.updates.at).toHaveLength(stored.length - privateCount)
    expect(plain.updates.doc).not.toContain('private')
    expect(plain.lastActivityAt).toBe(stored.at(-1)!.at)
    expect(healthz.length).toBeGreaterThan(2)
    // The old code listed the rows on the event loop: /healthz waited 13.8 s, the loop stalled 2.3 s at
    // once (140–280 ms now, with the test's own fetches); the bounds leave room for a busy CI machine.
    expect(Math.max(...healthz)).toBeLessThan(1000)
    expect(stall).toBeLessThan(1000)
  }, 120_000)
})
