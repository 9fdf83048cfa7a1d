import { CloseCode } from '@mockboard/shared'
import { describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'

import { useHarness } from '../helpers/harness.js'
import { createSession, startServer } from '../helpers/server.js'
import { connectClient } from '../helpers/yclient.js'

const { server, client } = useHarness()

describe('sync over y-websocket', () => {
  it('two clients converge through the server', async () => {
    const s = await server()
    const session = await createSession(s.url)
    const a = client(s.syncUrl, session.id, 'board', session.tokens.interviewer)
    const b = client(s.syncUrl, session.id, 'board', session.tokens.candidate)
    await Promise.all([a.synced, b.synced])
    a.doc.getMap('m').set('from-a', 1)
    b.doc.getText('t').insert(0, 'hello from b')
    await vi.waitFor(() => {
      expect(b.doc.getMap('m').get('from-a')).toBe(1)
      expect(a.doc.getText('t').toString()).toBe('hello from b')
    })
    expect(Y.encodeStateVector(a.doc)).toEqual(Y.encodeStateVector(b.doc))
  })

  it("drops an observer's edits: they reach neither peers nor storage", async () => {
    const s = await server()
    const session = await createSession(s.url)
    const writer = client(s.syncUrl, session.id, 'board', session.tokens.candidate)
    const observer = client(s.syncUrl, session.id, 'board', session.tokens.observer)
    await Promise.all([writer.synced, observer.synced])
    observer.doc.getMap('m').set('sneaky', true)
    writer.doc.getMap('m').set('legit', true)
    // The observer still reads: it sees the writer's edit.
    await vi.waitFor(() => expect(observer.doc.getMap('m').get('legit')).toBe(true))
    await s.app.context.registry.peek(session.id, 'board')!.flush()
    expect(writer.doc.getMap('m').get('sneaky')).toBeUndefined()
    const stored = await s.app.context.storage.loadDoc(session.id, 'board')
    const rebuilt = new Y.Doc()
    for (const u of stored.tail) Y.applyUpdate(rebuilt, u.data)
    expect(rebuilt.getMap('m').get('legit')).toBe(true)
    expect(rebuilt.getMap('m').get('sneaky')).toBeUndefined()
    expect((await s.app.context.metrics.updatesDropped.get()).values[0]?.value).toBeGreaterThan(0)
  })

  it('refuses a candidate and an observer on the private doc with 4403', async () => {
    const s = await server()
    const session = await createSession(s.url)
    for (const role of ['candidate', 'observer'] as const) {
      const c = client(s.syncUrl, session.id, 'private', session.tokens[role])
      expect(await c.nextClose()).toBe(CloseCode.forbidden)
    }
    const interviewer = client(s.syncUrl, session.id, 'private', session.tokens.interviewer)
    await interviewer.synced
  })

  it('refuses forged, expired and other-session tokens with 4401, unknown sessions with 4404', async () => {
    const s = await server()
    const one = await createSession(s.url)
    const two = await createSession(s.url)
    const signer = s.app.context.signer
    const forged = one.tokens.candidate.replace(/\.c\./, '.i.')
    const expired = signer.sign({
      sessionId: one.id,
      role: 'interviewer',
      expiresAt: Math.floor(Date.now() / 1000) - 1,
    })
    const cases: [string, string, number][] = [
      [one.id, forged, CloseCode.badToken],
      [one.id, expired, CloseCode.badToken],
      [one.id, two.tokens.interviewer, CloseCode.badToken],
      [one.id, 'garbage', CloseCode.badToken],
      [
        'nosuchsession',
        signer.sign({ sessionId: 'nosuchsession', role: 'interviewer', expiresAt: 2e9 }),
        CloseCode.notFound,
      ],
    ]
    for (const [id, token, code] of cases) {
      const c = client(s.syncUrl, id, 'board', token)
      expect(await c.nextClose(), `token ${token.slice(0, 12)}… on ${id}`).toBe(code)
    }
  })

  it('keeps state across a restart on the same SQLite file', async () => {
    const first = await startServer()
    const session = await createSession(first.url)
    const a = connectClient(first.syncUrl, session.id, 'board', session.tokens.interviewer)
    await a.synced
    a.doc.getText('scratch').insert(0, 'capacity: 10k QPS')
    await vi.waitFor(async () =>
      expect((await first.app.context.storage.loadDoc(session.id, 'board')).tail.length).toBeGreaterThan(1),
    )
    a.destroy()
    await first.close({ keepData: true })

    const second = await server({ dataDir: first.dataDir })
    const b = client(second.syncUrl, session.id, 'board', session.tokens.candidate)
    await b.synced
    expect(b.doc.getText('scratch').toString()).toBe('capacity: 10k QPS')
  })

  it('loads a session of 20,000 stored updates from a snapshot and a short tail', async () => {
    // A scripted writer outpaces any human: lift the per-connection rate limit for it.
    const s = await server({
      config: {
        snapshotEvery: 500,
        limits: {
          messagesPerSecond: 1_000_000,
          bytesPerSecond: 1e9,
          maxMessageBytes: 1 << 20,
          maxSocketsPerSession: 50,
        },
      },
    })
    const session = await createSession(s.url)
    const writer = client(s.syncUrl, session.id, 'board', session.tokens.interviewer)
    await writer.synced
    const map = writer.doc.getMap('shapes')
    const room = s.app.context.registry.peek(session.id, 'board')!
    for (let i = 0; i < 20_000; i++) {
      map.set(`shape-${i % 400}`, { x: i, y: i * 2 })
      // Let the socket drain now and then rather than queueing 20,000 frames at once.
      if (i % 250 === 249)
        await vi.waitFor(() =>
          expect(room.doc.getMap('shapes').get(`shape-${i % 400}`)).toEqual({ x: i, y: i * 2 }),
        )
    }
    await vi.waitFor(() =>
      expect((room.doc.getMap('shapes').get('shape-399') as { x: number }).x).toBe(19_999),
    )
    await room.flush()
    const stored = await s.app.context.storage.loadDoc(session.id, 'board')
    // Snapshots follow count and bytes (LogSize): the tombstones of 20,000 overwrites make the
    // snapshot ~190 kB, so the next one waits for as many bytes of tail (~4,500 updates of 42 B).
    expect(stored.snapshot?.seq).toBeGreaterThan(15_000)
    expect(stored.tail.length).toBeLessThan(5_000)
    writer.destroy()
    await vi.waitFor(() => expect(s.app.context.registry.peek(session.id, 'board')).toBeUndefined())

    const reader = client(s.syncUrl, session.id, 'board', session.tokens.observer)
    await reader.synced
    expect(reader.doc.getMap('shapes').size).toBe(400)
    expect(reader.doc.getMap('shapes').get('shape-399')).toEqual({ x: 19_999, y: 39_998 })
  }, 60_000)
})
