import type { WorkspaceCreated, WorkspaceSessions } from '@mockboard/shared'
import { WORKSPACE_LIMITS } from '@mockboard/shared'
import { describe, expect, it, vi } from 'vitest'

import { useHarness } from '../helpers/harness.js'
import { createSession, type TestServer } from '../helpers/server.js'

const { server } = useHarness()

async function workspace(s: TestServer): Promise<WorkspaceCreated> {
  return (await (await fetch(`${s.url}/api/workspaces`, { method: 'POST' })).json()) as WorkspaceCreated
}

const list = (s: TestServer, ws: WorkspaceCreated, query = '') =>
  fetch(`${s.url}/api/workspaces/${ws.id}/sessions${query}`, {
    headers: { authorization: `Bearer ${ws.key}` },
  })

describe('workspace listing and candidate routes: bounded cost per address and per response', () => {
  it('budgets the listing and the candidate routes per address (429 naming the limit); /healthz stays fine', async () => {
    const s = await server({ config: { http: { readsPerMinute: 3 } } })
    const ws = await workspace(s)
    const session = await createSession(s.url, { workspace: { id: ws.id, key: ws.key } })
    const candidate = (method: string) =>
      fetch(`${s.url}/api/sessions/${session.id}/candidate`, {
        method,
        headers: {
          authorization: `Bearer ${ws.key}`,
          ...(method === 'PUT' ? { 'content-type': 'application/json' } : {}),
        },
        body: method === 'PUT' ? JSON.stringify({ candidate: 'Ada' }) : undefined,
      })
    for (const call of [() => list(s, ws), () => candidate('GET'), () => candidate('PUT')]) {
      const burst = await Promise.all(Array.from({ length: 6 }, call))
      const statuses = burst.map((r) => r.status)
      expect(statuses.filter((x) => x === 200)).toHaveLength(3)
      expect(statuses.filter((x) => x === 429)).toHaveLength(3)
      const refused = burst.find((r) => r.status === 429)!
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0)
      expect(((await refused.json()) as { message: string }).message).toContain(
        'MOCKBOARD_READS_PER_MINUTE=3',
      )
    }
    expect((await fetch(`${s.url}/healthz`)).status).toBe(200)
  })

  it('sends only the first line of a problem, capped, so a full page stays bounded in bytes', async () => {
    const s = await server()
    const ws = await workspace(s)
    const problem = `Design a chat service\n${'with many requirements '.repeat(170)}`
    const long = 'x'.repeat(3_900)
    await createSession(s.url, { workspace: { id: ws.id, key: ws.key }, problem })
    await createSession(s.url, { workspace: { id: ws.id, key: ws.key }, problem: `\n\n${long}` })
    const body = (await (await list(s, ws)).json()) as WorkspaceSessions
    expect(body.sessions.map((x) => x.problem)).toEqual([
      long.slice(0, WORKSPACE_LIMITS.maxProblemHead),
      'Design a chat service',
    ])
  })

  it('waits for the read gate like the replay reads: past its queue a listing gets 503', async () => {
    const s = await server({ config: { http: { concurrentReads: 1 } } })
    const ws = await workspace(s)
    const gate = s.app.context.readGate
    let release!: () => void
    const held = new Promise<void>((resolve) => (release = resolve))
    const holders = Array.from({ length: 17 }, () => gate.run(() => held))
    await vi.waitFor(() => expect(gate.queued).toBe(16))
    try {
      const refused = await list(s, ws)
      expect(refused.status).toBe(503)
      expect(refused.headers.get('retry-after')).toBe('1')
    } finally {
      release()
      await Promise.all(holders)
    }
    expect((await list(s, ws)).status).toBe(200)
  })
})
