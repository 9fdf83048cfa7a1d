import { type WorkspaceCreated, type WorkspaceSessions, writeRubricArea } from '@mockboard/shared'
import { describe, expect, it, vi } from 'vitest'

import { setTimer, useHarness } from '../helpers/harness.js'
import { createSession, type TestServer } from '../helpers/server.js'

const { server, client } = useHarness()

async function workspace(s: TestServer): Promise<WorkspaceCreated> {
  return (await (await fetch(`${s.url}/api/workspaces`, { method: 'POST' })).json()) as WorkspaceCreated
}

const scores = async (s: TestServer, ws: WorkspaceCreated) => {
  const res = await fetch(`${s.url}/api/workspaces/${ws.id}/sessions`, {
    headers: { authorization: `Bearer ${ws.key}` },
  })
  return ((await res.json()) as WorkspaceSessions).sessions[0]?.summary
}

describe('workspace summaries: bounded rebuild cost', () => {
  it('reviews an ended board once per board head, not on every rubric change after the end', async () => {
    const s = await server()
    const ws = await workspace(s)
    const phases = [{ name: 'Only', minutes: 1 }]
    const session = await createSession(s.url, { workspace: { id: ws.id, key: ws.key }, phases })
    const control = client(s.syncUrl, session.id, 'control', session.tokens.interviewer)
    const priv = client(s.syncUrl, session.id, 'private', session.tokens.interviewer)
    await Promise.all([control.synced, priv.synced])
    const runs = vi.spyOn(s.app.context.docWorkers, 'run')
    const reviews = () => runs.mock.calls.filter(([job]) => job.type === 'review').length
    setTimer(control, { type: 'start' }, phases)
    setTimer(control, { type: 'end' }, phases)
    await vi.waitFor(async () => expect((await scores(s, ws))?.findings).toBeDefined(), {
      timeout: 10_000,
      interval: 100,
    })
    expect(reviews()).toBe(1)
    for (const score of [1, 2, 3, 4] as const) {
      writeRubricArea(priv.doc, 'scale', { score })
      await vi.waitFor(async () => expect((await scores(s, ws))?.scores.scale).toBe(score), {
        timeout: 10_000,
        interval: 100,
      })
    }
    // Four more rebuilds, each with findings, and still the one review of the frozen board.
    expect((await scores(s, ws))?.findings).toEqual([])
    expect(reviews()).toBe(1)
  })

  it('rebuilds through the read gate: while the gate is full a rebuild waits its turn', async () => {
    const s = await server({ config: { http: { concurrentReads: 1 } } })
    const ws = await workspace(s)
    const session = await createSession(s.url, { workspace: { id: ws.id, key: ws.key } })
    const gate = s.app.context.readGate
    let release!: () => void
    const holder = gate.run(() => new Promise<void>((resolve) => (release = resolve)))
    try {
      const rebuilt = s.app.context.summaries.refreshNow(session.id)
      await vi.waitFor(() => expect(gate.queued).toBe(1))
      release()
      await rebuilt
    } finally {
      release()
      await holder
    }
    expect(gate.queued).toBe(0)
    expect(await scores(s, ws)).not.toBeNull()
  })
})
