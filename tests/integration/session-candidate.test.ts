import type { WorkspaceCreated } from '@mockboard/shared'
import type { SessionCandidate } from '@mockboard/shared/http'
import { describe, expect, it } from 'vitest'

import { useHarness } from '../helpers/harness.js'
import { createSession, type TestServer } from '../helpers/server.js'

const { server } = useHarness()

const call = (s: TestServer, id: string, credential: string | null, method = 'GET', body?: unknown) =>
  fetch(`${s.url}/api/sessions/${id}/candidate`, {
    method,
    headers: {
      ...(credential === null ? {} : { authorization: `Bearer ${credential}` }),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  })

describe("a session's candidate, for the interviewer's settings", () => {
  it("reads the name with the workspace's known candidates, renames, and refuses everyone but the coach", async () => {
    const s = await server()
    const ws = (await (await fetch(`${s.url}/api/workspaces`, { method: 'POST' })).json()) as WorkspaceCreated
    const workspace = { id: ws.id, key: ws.key }
    await createSession(s.url, { workspace, candidate: 'Grace' })
    await createSession(s.url, { workspace, candidate: 'Ada' })
    const session = await createSession(s.url, { workspace })

    const read = async (credential: string) => {
      const res = await call(s, session.id, credential)
      expect(res.status).toBe(200)
      return (await res.json()) as SessionCandidate
    }
    expect(await read(session.tokens.interviewer)).toEqual({
      candidate: '',
      inWorkspace: true,
      known: ['Ada', 'Grace'],
    })
    const put = await call(s, session.id, session.tokens.interviewer, 'PUT', { candidate: ' Linus ' })
    expect(put.status).toBe(200)
    // The workspace key reads it too, and the new name joins the known ones.
    expect(await read(ws.key)).toEqual({
      candidate: 'Linus',
      inWorkspace: true,
      known: ['Ada', 'Grace', 'Linus'],
    })

    expect((await call(s, session.id, null)).status).toBe(401)
    expect((await call(s, session.id, session.tokens.candidate)).status).toBe(403)
    expect((await call(s, session.id, session.tokens.observer)).status).toBe(403)
    const bad = await call(s, session.id, session.tokens.interviewer, 'PUT', { candidate: 'a\u0007b' })
    expect(bad.status).toBe(400)
    expect(await bad.text()).toMatch(/candidate/)

    // Outside a workspace: the name alone, nothing to offer.
    const alone = await createSession(s.url)
    expect(await (await call(s, alone.id, alone.tokens.interviewer)).json()).toEqual({
      candidate: '',
      inWorkspace: false,
      known: [],
    })
  })
  it('normalises names, keeps one spelling per candidate (the first seen) and refuses names that break the link', async () => {
    const s = await server()
    const ws = (await (await fetch(`${s.url}/api/workspaces`, { method: 'POST' })).json()) as WorkspaceCreated
    const workspace = { id: ws.id, key: ws.key }
    const first = await createSession(s.url, { workspace, candidate: ' Ada\u200B  Lovelace ' })
    const second = await createSession(s.url, { workspace, candidate: 'ada lovelace' })
    const third = await createSession(s.url, { workspace })
    expect((await s.app.context.storage.getSession(first.id))?.candidate).toBe('Ada Lovelace')
    expect((await s.app.context.storage.getSession(second.id))?.candidate).toBe('Ada Lovelace')
    const renamed = await call(s, third.id, ws.key, 'PUT', { candidate: 'ADA  LOVELACE\u200D' })
    expect(await renamed.json()).toEqual({ candidate: 'Ada Lovelace' })
    // A name stored by an older server in another spelling is still one candidate to offer.
    await s.app.context.storage.updateSession(third.id, { candidate: 'ada lovelace' })
    const known = (await (await call(s, third.id, ws.key)).json()) as SessionCandidate
    expect(known.known).toEqual(['Ada Lovelace'])

    for (const name of ['.', '..', ' . . ']) {
      const put = await call(s, third.id, ws.key, 'PUT', { candidate: name })
      expect(put.status, name).toBe(400)
      expect(await put.text()).toContain('body/candidate')
      const made = await fetch(`${s.url}/api/sessions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ workspace, candidate: name }),
      })
      expect(made.status, name).toBe(400)
      expect(await made.text()).toContain('body/candidate')
    }
  })
})
