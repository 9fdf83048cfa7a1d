import { statSync } from 'node:fs'
import { join } from 'node:path'

import { DEFAULT_PHASES, type SessionInfo } from '@mockboard/shared'
import { afterEach, describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'

import { openRaw, syncUpdate } from '../helpers/rawSync.js'
import { createSession, startServer, type TestServer } from '../helpers/server.js'

const servers: TestServer[] = []
async function server(options?: Parameters<typeof startServer>[0]) {
  const s = await startServer(options)
  servers.push(s)
  return s
}
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close()
})

async function post(s: TestServer, body: unknown, headers: Record<string, string> = {}) {
  return s.app.fastify.inject({ method: 'POST', url: '/api/sessions', payload: body as object, headers })
}

describe('POST /api/sessions', () => {
  it('creates a session with three role links carrying the token in the fragment', async () => {
    const s = await server()
    const res = await s.app.fastify.inject({ method: 'POST', url: '/api/sessions' })
    expect(res.statusCode).toBe(201)
    const body = res.json()
    expect(body.id).toMatch(/^[A-Za-z0-9_-]{22}$/) // 128 random bits
    for (const role of ['interviewer', 'candidate', 'observer']) {
      expect(body.links[role]).toMatch(new RegExp(`^/s/${body.id}#token=[^&]+$`))
    }
    const session = await s.app.context.storage.getSession(body.id)
    expect(session?.phases).toEqual(DEFAULT_PHASES)
    expect(session?.title).toBe('Mock interview')
  })

  it.each([
    [{ title: 'x'.repeat(121) }, 'body.title'],
    [{ problem: 'x'.repeat(4001) }, 'body.problem'],
    [{ title: 42 }, 'body.title'],
    [{ phases: [] }, 'body.phases'],
    [{ phases: Array.from({ length: 11 }, () => ({ name: 'p', minutes: 5 })) }, 'body.phases'],
    [{ phases: [{ name: 'Requirements', minutes: 0 }] }, 'body.phases[0].minutes'],
    [{ phases: [{ name: 'Requirements', minutes: 121 }] }, 'body.phases[0].minutes'],
    [{ phases: [{ name: '', minutes: 10 }] }, 'body.phases[0].name'],
    [{ phases: [{ minutes: 10 }] }, 'body.phases[0].name'],
    [{ colour: 'red' }, 'body.colour'],
  ])('rejects %j with a 400 naming %s', async (body, field) => {
    const s = await server()
    const res = await post(s, body)
    expect(res.statusCode).toBe(400)
    expect(res.json().message).toContain(field)
  })

  it('rejects malformed JSON with a 400', async () => {
    const s = await server()
    const res = await s.app.fastify.inject({
      method: 'POST',
      url: '/api/sessions',
      payload: '{nope',
      headers: { 'content-type': 'application/json' },
    })
    expect(res.statusCode).toBe(400)
  })

  it('requires the create key when MOCKBOARD_CREATE_KEY is set', async () => {
    const s = await server({ config: { createKey: 'let-me-in' } })
    expect((await post(s, {})).statusCode).toBe(401)
    expect((await post(s, {}, { authorization: 'Bearer wrong' })).statusCode).toBe(401)
    expect((await post(s, {}, { authorization: 'Bearer let-me-in' })).statusCode).toBe(201)
  })
})

describe('GET /api/sessions/:id', () => {
  it("returns metadata and the caller's role", async () => {
    const s = await server()
    const created = await createSession(s.url, {
      title: 'Design a URL shortener',
      problem: 'Short links',
      phases: [{ name: 'All', minutes: 45 }],
    })
    for (const role of ['interviewer', 'candidate', 'observer'] as const) {
      const res = await s.app.fastify.inject({
        url: `/api/sessions/${created.id}`,
        headers: { authorization: `Bearer ${created.tokens[role]}` },
      })
      expect(res.statusCode).toBe(200)
      const info = res.json<SessionInfo>()
      expect(info).toMatchObject({
        id: created.id,
        title: 'Design a URL shortener',
        problem: 'Short links',
        role,
        endedAt: null,
      })
      expect(info.phases).toEqual([{ name: 'All', minutes: 45 }])
    }
  })

  it('refuses missing, forged, expired and other-session tokens with 401; unknown sessions with 404', async () => {
    const s = await server()
    const one = await createSession(s.url)
    const two = await createSession(s.url)
    const signer = s.app.context.signer
    const get = (id: string, token?: string) =>
      s.app.fastify.inject({
        url: `/api/sessions/${id}`,
        headers: token ? { authorization: `Bearer ${token}` } : {},
      })
    expect((await get(one.id)).statusCode).toBe(401)
    expect((await get(one.id, one.tokens.observer.slice(0, -2) + 'xx')).statusCode).toBe(401)
    expect((await get(one.id, two.tokens.interviewer)).statusCode).toBe(401)
    const expired = signer.sign({
      sessionId: one.id,
      role: 'interviewer',
      expiresAt: Math.floor(Date.now() / 1000) - 5,
    })
    expect((await get(one.id, expired)).statusCode).toBe(401)
    const ghost = signer.sign({ sessionId: 'ghost', role: 'interviewer', expiresAt: 2e9 })
    expect((await get('ghost', ghost)).statusCode).toBe(404)
  })

  it('keeps links valid across restarts with a secret generated once (mode 0600)', async () => {
    const first = await startServer()
    const created = await createSession(first.url)
    await first.close({ keepData: true })
    expect(statSync(join(first.dataDir, 'secret.key')).mode & 0o777).toBe(0o600)
    const second = await server({ dataDir: first.dataDir })
    const res = await second.app.fastify.inject({
      url: `/api/sessions/${created.id}`,
      headers: { authorization: `Bearer ${created.tokens.candidate}` },
    })
    expect(res.statusCode).toBe(200)
  })
})

describe('operations endpoints', () => {
  it('reports health with the storage reachable', async () => {
    const s = await server()
    const res = await s.app.fastify.inject({ url: '/healthz' })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ ok: true, storage: 'sqlite' })
    await s.app.context.storage.close()
    const down = await s.app.fastify.inject({ url: '/healthz' })
    expect(down.statusCode).toBe(503)
  })

  it('sends security headers that keep every asset on this origin', async () => {
    const s = await server()
    const res = await s.app.fastify.inject({ url: '/healthz' })
    const csp = String(res.headers['content-security-policy'])
    expect(csp).toContain("default-src 'self'")
    expect(csp).toContain("script-src 'self'")
    expect(csp).toContain("frame-ancestors 'none'")
    expect(res.headers['referrer-policy']).toBe('no-referrer')
    expect(res.headers['x-content-type-options']).toBe('nosniff')
  })

  it('exposes Prometheus metrics', async () => {
    const s = await server()
    await createSession(s.url)
    const text = (await s.app.fastify.inject({ url: '/metrics' })).body
    expect(text).toMatch(/^mockboard_sessions_created_total 1$/m)
    for (const name of [
      'mockboard_rooms',
      'mockboard_sockets',
      'mockboard_messages_in_total',
      'mockboard_bytes_out_total',
      'mockboard_storage_write_seconds_bucket',
    ]) {
      expect(text).toContain(name)
    }
  })

  it('counts a stored update and times its write', async () => {
    const s = await server()
    const session = await createSession(s.url)
    const raw = await openRaw(s.syncUrl, session.id, 'control', session.tokens.interviewer)
    const doc = new Y.Doc()
    doc.getMap('notes').set('x', 1)
    raw.send(syncUpdate(Y.encodeStateAsUpdate(doc)))
    const metrics = async () => (await s.app.fastify.inject({ url: '/metrics' })).body
    await vi.waitFor(async () => expect(await metrics()).toMatch(/^mockboard_updates_stored_total 1$/m))
    const text = await metrics()
    expect(text).toMatch(/^mockboard_storage_write_seconds_count 1$/m)
    const sum = Number(/^mockboard_storage_write_seconds_sum (\S+)$/m.exec(text)?.[1])
    expect(sum).toBeGreaterThan(0)
    expect(sum).toBeLessThan(10)
    raw.ws.close()
  })
})
