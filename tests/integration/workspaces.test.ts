import {
  CloseCode,
  openBoardRecords,
  type SessionInfo,
  type WorkspaceCreated,
  type WorkspaceSessions,
  writeRecommendation,
  writeRubricArea,
} from '@mockboard/shared'
import { describe, expect, it, vi } from 'vitest'

import { setTimer, useHarness } from '../helpers/harness.js'
import { createSession, type TestServer } from '../helpers/server.js'

const { server, client } = useHarness()

const keyOf = (link: string) => new URLSearchParams(link.split('#')[1]).get('key')

async function createWorkspace(
  s: TestServer,
  headers: Record<string, string> = {},
): Promise<WorkspaceCreated> {
  const res = await fetch(`${s.url}/api/workspaces`, { method: 'POST', headers })
  expect(res.status).toBe(201)
  return (await res.json()) as WorkspaceCreated
}

const list = (s: TestServer, id: string, key: string | null, query = '') =>
  fetch(`${s.url}/api/workspaces/${id}/sessions${query}`, {
    headers: key === null ? {} : { authorization: `Bearer ${key}` },
  })

const message = async (res: Response) => ((await res.json()) as { message: string }).message

describe('coach workspaces', () => {
  it('creates a workspace as a capability link, behind the create key when one is set', async () => {
    const s = await server({ config: { createKey: 'let-me-create-things' } })
    const refused = await fetch(`${s.url}/api/workspaces`, { method: 'POST' })
    expect(refused.status).toBe(401)
    expect(await message(refused)).toContain('MOCKBOARD_CREATE_KEY')
    const ws = await createWorkspace(s, { authorization: 'Bearer let-me-create-things' })
    expect(ws.link).toBe(`/w/${ws.id}#key=${ws.key}`)
    expect(ws.key.length).toBeGreaterThanOrEqual(43)
    // Only a hash is stored: the database alone does not open the workspace.
    const stored = await s.app.context.storage.getWorkspace(ws.id)
    expect(stored?.keyHash).not.toContain(ws.key)
  })

  it('is rate-limited per address like session creation', async () => {
    const s = await server({ config: { http: { createPerMinute: 2 } } })
    await createWorkspace(s)
    await createWorkspace(s)
    const limited = await fetch(`${s.url}/api/workspaces`, { method: 'POST' })
    expect(limited.status).toBe(429)
    expect(limited.headers.get('retry-after')).toBeTruthy()
  })

  it('creates sessions inside it (a wrong key creates nothing) and lists them with the interviewer link', async () => {
    const s = await server()
    const ws = await createWorkspace(s)
    const before = await s.app.context.storage.sessionsCreatedBefore(Number.MAX_SAFE_INTEGER, 1_000)
    const wrong = await fetch(`${s.url}/api/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ workspace: { id: ws.id, key: 'not-the-key' }, candidate: 'Ada' }),
    })
    expect(wrong.status).toBe(403)
    expect(await message(wrong)).toContain('wrong key')
    expect(await s.app.context.storage.sessionsCreatedBefore(Number.MAX_SAFE_INTEGER, 1_000)).toEqual(before)
    const badName = await fetch(`${s.url}/api/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ workspace: { id: ws.id, key: ws.key }, candidate: 'x'.repeat(81) }),
    })
    expect(badName.status).toBe(400)
    expect(await message(badName)).toContain('candidate')

    const inWs = { workspace: { id: ws.id, key: ws.key } }
    const first = await createSession(s.url, {
      ...inWs,
      title: 'Round 1',
      problemId: 'chat',
      candidate: 'Ada',
    })
    const second = await createSession(s.url, { ...inWs, title: 'Round 2', candidate: ' Ada ' })
    await createSession(s.url, { title: 'Not in the workspace' })

    const res = await list(s, ws.id, ws.key)
    expect(res.status).toBe(200)
    const body = (await res.json()) as WorkspaceSessions
    expect(body.sessions.map((x) => x.title)).toEqual(['Round 2', 'Round 1'])
    expect(body.candidates).toEqual(['Ada'])
    expect(body.next).toBeNull()
    expect(body.sessions[1]).toMatchObject({
      id: first.id,
      problemId: 'chat',
      candidate: 'Ada',
      endedAt: null,
    })
    // The listed link re-opens the session as the coach, from any device.
    const token = new URLSearchParams(body.sessions[0]!.interviewerLink.split('#')[1]).get('token')
    const info = (await (
      await fetch(`${s.url}/api/sessions/${second.id}`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as SessionInfo
    expect(info.role).toBe('interviewer')

    // Bounded pages: limit and the cursor to the next page.
    const page = (await (await list(s, ws.id, ws.key, '?limit=1')).json()) as WorkspaceSessions
    expect(page.sessions.map((x) => x.id)).toEqual([second.id])
    const rest = (await (
      await list(s, ws.id, ws.key, `?limit=1&before=${encodeURIComponent(page.next!)}`)
    ).json()) as WorkspaceSessions
    expect(rest.sessions.map((x) => x.id)).toEqual([first.id])
    const tooMany = await list(s, ws.id, ws.key, '?limit=501')
    expect(tooMany.status).toBe(400)
    expect(await message(tooMany)).toContain('limit')
  })

  it('marks every answer carrying a key, token or link no-store; refuses unknown create fields and bad cursors', async () => {
    const s = await server()
    const post = (path: string, body?: unknown, key?: string) =>
      fetch(`${s.url}${path}`, {
        method: 'POST',
        headers: {
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(key ? { authorization: `Bearer ${key}` } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      })
    const madeWs = await post('/api/workspaces')
    expect(madeWs.status).toBe(201)
    expect(madeWs.headers.get('cache-control')).toBe('no-store')
    const ws = (await madeWs.json()) as WorkspaceCreated
    expect((await post('/api/workspaces', {})).status).toBe(201)
    const unknown = await post('/api/workspaces', { a: [1, 2, 3], key: 'mine', id: 'x' })
    expect(unknown.status).toBe(400)
    expect(await message(unknown)).toMatch(/body\.(a|key|id) is not allowed/)

    const madeSession = await post('/api/sessions', { workspace: { id: ws.id, key: ws.key } })
    expect(madeSession.status).toBe(201)
    expect(madeSession.headers.get('cache-control')).toBe('no-store')
    const session = (await madeSession.json()) as { id: string; links: { interviewer: string } }
    const token = new URLSearchParams(session.links.interviewer.split('#')[1]).get('token')!
    const next = await post(`/api/sessions/${session.id}/next-round`, undefined, token)
    expect(next.status).toBe(200)
    expect(next.headers.get('cache-control')).toBe('no-store')
    const listed = await list(s, ws.id, ws.key)
    expect(listed.status).toBe(200)
    expect(listed.headers.get('cache-control')).toBe('no-store')
    const takes = await fetch(`${s.url}/api/sessions/${session.id}/recordings`, {
      headers: { authorization: `Bearer ${token}` },
    })
    expect(takes.headers.get('cache-control')).toBe('no-store')
    const rotated = await post(`/api/workspaces/${ws.id}/key`, undefined, ws.key)
    expect(rotated.status).toBe(200)
    expect(rotated.headers.get('cache-control')).toBe('no-store')
    const fresh = (await rotated.json()) as WorkspaceCreated

    for (const bad of ['abc', '12.', '12.!!', `1.${'x'.repeat(200)}`]) {
      const res = await list(s, ws.id, fresh.key, `?before=${encodeURIComponent(bad)}`)
      expect(res.status, bad).toBe(400)
      expect(await message(res)).toContain('before')
    }
    // Two sessions and a cursor: the second page holds exactly the other one.
    expect((await post('/api/sessions', { workspace: { id: ws.id, key: fresh.key } })).status).toBe(201)
    const page = (await (await list(s, ws.id, fresh.key, '?limit=1')).json()) as WorkspaceSessions
    expect(typeof page.next).toBe('string')
    const rest = (await (
      await list(s, ws.id, fresh.key, `?limit=1&before=${encodeURIComponent(page.next!)}`)
    ).json()) as WorkspaceSessions
    expect(rest.sessions).toHaveLength(1)
    expect(rest.sessions[0]!.id).not.toBe(page.sessions[0]!.id)
  })

  it('keeps each session summary in step with its timer and rubric: phases, overruns, scores, recommendation, review findings once ended', async () => {
    const s = await server()
    const ws = await createWorkspace(s)
    const phases = [{ name: 'Only', minutes: 1 }]
    const session = await createSession(s.url, {
      workspace: { id: ws.id, key: ws.key },
      phases,
      candidate: 'Bo',
    })
    const control = client(s.syncUrl, session.id, 'control', session.tokens.interviewer)
    const priv = client(s.syncUrl, session.id, 'private', session.tokens.interviewer)
    const board = client(s.syncUrl, session.id, 'board', session.tokens.candidate)
    await Promise.all([control.synced, priv.synced, board.synced])
    // A queue nobody consumes: the design review's finding on the final board.
    openBoardRecords<{ id: string } & Record<string, unknown>>(board.doc).set('shape:q', {
      id: 'shape:q',
      typeName: 'shape',
      type: 'system-component',
      x: 0,
      y: 0,
      rotation: 0,
      index: 'a1',
      parentId: 'page:page',
      isLocked: false,
      opacity: 1,
      meta: {},
      props: {
        kind: 'message-queue',
        label: 'Jobs',
        technology: '',
        replicas: 1,
        shardKey: '',
        notes: '',
        w: 184,
        h: 76,
      },
    })
    await vi.waitFor(() =>
      expect(openBoardRecords(s.app.context.registry.peek(session.id, 'board')!.doc).has('shape:q')).toBe(
        true,
      ),
    )
    await s.app.context.registry.peek(session.id, 'board')!.flush()
    setTimer(control, { type: 'start' }, phases)
    setTimer(control, { type: 'end' }, phases)
    writeRubricArea(priv.doc, 'scale', { score: 2 })
    writeRubricArea(priv.doc, 'storage', { score: 4 })
    writeRecommendation(priv.doc, 'lean-yes')
    await vi.waitFor(
      async () => {
        const body = (await (await list(s, ws.id, ws.key)).json()) as WorkspaceSessions
        const summary = body.sessions[0]!.summary
        expect(summary).toMatchObject({
          scores: { scale: 2, storage: 4 },
          recommendation: 'lean-yes',
          overrunPhases: 0,
          phases: [{ name: 'Only', plannedMs: 60_000 }],
        })
        expect(summary!.startedAt).not.toBeNull()
        expect(summary!.findings).toContain('queue-without-consumer')
        expect(summary!.endedAt).not.toBeNull()
      },
      { timeout: 10_000, interval: 100 },
    )
  })

  it('refuses a session token, another workspace key and a rotated-away key; adds local sessions by their interviewer link', async () => {
    const s = await server()
    const a = await createWorkspace(s)
    const b = await createWorkspace(s)
    const session = await createSession(s.url, { workspace: { id: a.id, key: a.key } })
    const loose = await createSession(s.url, { title: 'Made before the workspace' })

    expect((await list(s, a.id, null)).status).toBe(401)
    expect((await list(s, a.id, session.tokens.interviewer)).status).toBe(403)
    expect((await list(s, a.id, b.key)).status).toBe(403)
    expect((await list(s, b.id, a.key)).status).toBe(403)
    expect((await list(s, 'no-such-workspace', a.key)).status).toBe(404)
    // A workspace key is no invite token either.
    const asToken = await fetch(`${s.url}/api/sessions/${session.id}`, {
      headers: { authorization: `Bearer ${a.key}` },
    })
    expect(asToken.status).toBe(401)

    const add = (ws: WorkspaceCreated, token: string) =>
      fetch(`${s.url}/api/workspaces/${ws.id}/sessions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${ws.key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ token }),
      })
    expect((await add(a, loose.tokens.candidate)).status).toBe(403)
    expect((await add(a, 'forged.i.zz.sig')).status).toBe(400)
    expect((await add(b, session.tokens.interviewer)).status).toBe(409)
    expect((await add(a, loose.tokens.interviewer)).status).toBe(204)
    const listed = (await (await list(s, a.id, a.key)).json()) as WorkspaceSessions
    expect(listed.sessions.map((x) => x.id).sort()).toEqual([session.id, loose.id].sort())

    // The interviewer link the listing gave opens the session, by HTTP and on a socket…
    const tokenIn = (l: WorkspaceSessions) =>
      new URLSearchParams(l.sessions.find((x) => x.id === session.id)!.interviewerLink.split('#')[1]).get(
        'token',
      )!
    const listedToken = tokenIn(listed)
    const open = (token: string) =>
      fetch(`${s.url}/api/sessions/${session.id}`, { headers: { authorization: `Bearer ${token}` } })
    expect((await open(listedToken)).status).toBe(200)
    const before = client(s.syncUrl, session.id, 'private', listedToken)
    await before.synced
    const beforeClosed = before.nextClose()

    const rotated = await fetch(`${s.url}/api/workspaces/${a.id}/key`, {
      method: 'POST',
      headers: { authorization: `Bearer ${a.key}` },
    })
    expect(rotated.status).toBe(200)
    const fresh = (await rotated.json()) as WorkspaceCreated
    expect(fresh.key).not.toBe(a.key)
    expect(keyOf(fresh.link)).toBe(fresh.key)
    expect((await list(s, a.id, a.key)).status).toBe(403)
    const after = (await (await list(s, a.id, fresh.key)).json()) as WorkspaceSessions
    expect(after.sessions).toHaveLength(2)

    // …until the key it was listed under is rotated away: whoever leaked the old key loses the sessions,
    // the socket already open included.
    expect(await beforeClosed).toBe(CloseCode.badToken)
    const revoked = await open(listedToken)
    expect(revoked.status).toBe(401)
    expect(await message(revoked)).toMatch(/revoked/)
    expect(await client(s.syncUrl, session.id, 'private', listedToken).nextClose()).toBe(CloseCode.badToken)
    const del = await fetch(`${s.url}/api/sessions/${session.id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${listedToken}` },
    })
    expect(del.status).toBe(401)
    // The coach's own link from creation, and a link listed under the new key, still open it.
    expect((await open(session.tokens.interviewer)).status).toBe(200)
    expect((await open(tokenIn(after))).status).toBe(200)
  })
})
