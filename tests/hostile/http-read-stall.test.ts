import { monitorEventLoopDelay } from 'node:perf_hooks'

import { NOTES_TEMPLATE, type SessionReport } from '@mockboard/shared'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'

import { useHarness } from '../helpers/harness.js'
import { createSession } from '../helpers/server.js'

const h = useHarness()

/** A board bloated past any real session: 150k map entries that every reader has to integrate. */
function bloatedBoard(): Uint8Array[] {
  const doc = new Y.Doc()
  const junk = doc.getMap('junk')
  doc.transact(() => {
    for (let i = 0; i < 150_000; i++) junk.set(`k${i}`, i)
  })
  const first = Y.encodeStateAsUpdate(doc)
  const before = Y.encodeStateVector(doc)
  junk.set('last', 'edit')
  return [first, Y.encodeStateAsUpdate(doc, before)]
}

describe('replay and report reads of a huge board', () => {
  it('build off the event loop: /healthz answers within 1 s while they run', async () => {
    const s = await h.server()
    const session = await createSession(s.url)
    for (const update of bloatedBoard())
      await s.app.context.storage.appendUpdate(session.id, 'board', update, Date.now())
    const auth = { authorization: `Bearer ${session.tokens.interviewer}` }
    const base = `${s.url}/api/sessions/${session.id}`

    const loop = monitorEventLoopDelay({ resolution: 10 })
    loop.enable()
    let done = false
    const reads = Promise.all([
      fetch(`${base}/report.json`, { headers: auth }),
      fetch(`${base}/report.md`, { headers: auth }),
      fetch(`${base}/state?doc=board&at=${Date.now() + 1000}`, { headers: auth }),
    ]).finally(() => (done = true))
    const healthz: number[] = []
    while (!done) {
      const t0 = performance.now()
      expect((await fetch(`${s.url}/healthz`)).status).toBe(200)
      healthz.push(performance.now() - t0)
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    const [json, md, state] = await reads
    loop.disable()
    console.log(
      `healthz ${healthz.length} probes, max ${Math.round(Math.max(...healthz))} ms;` +
        ` event loop max delay ${Math.round(loop.max / 1e6)} ms`,
    )

    expect(json.status).toBe(200)
    expect(md.status).toBe(200)
    expect(state.status).toBe(200)
    const report = (await json.json()) as SessionReport
    expect(report.notes).toBe(NOTES_TEMPLATE)
    const merged = new Y.Doc()
    Y.applyUpdate(merged, new Uint8Array(await state.arrayBuffer()))
    expect(merged.getMap('junk').size).toBe(150_001)
    expect(healthz.length).toBeGreaterThan(2)
    // The old code took 4.7 s here (event loop stalled 2.5 s); the bound leaves room for a busy CI machine.
    expect(Math.max(...healthz)).toBeLessThan(1000)
  }, 120_000)
})
