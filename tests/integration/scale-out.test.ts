import { spawn } from 'node:child_process'

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

import { setTimer } from '../helpers/harness.js'
import { createSession, startServer, type TestServer } from '../helpers/server.js'
import {
  createDatabase,
  type Service,
  skipUnlessServices,
  startPostgres,
  startRedis,
} from '../helpers/services.js'
import { connectClient, type YClient } from '../helpers/yclient.js'

const skip = skipUnlessServices()
const SECRET = 's'.repeat(40)

describe.skipIf(skip)('two instances behind a load balancer (PostgreSQL + Redis)', () => {
  let pg: Service
  let redis: Awaited<ReturnType<typeof startRedis>>
  let one: TestServer
  let two: TestServer
  const clients: YClient[] = []
  const client = (...args: Parameters<typeof connectClient>) => {
    const c = connectClient(...args)
    clients.push(c)
    return c
  }

  beforeAll(async () => {
    ;[pg, redis] = await Promise.all([startPostgres(), startRedis()])
    const databaseUrl = await createDatabase(pg.url, 'scaleout')
    const config = { databaseUrl, redisUrl: redis.url, secret: SECRET }
    one = await startServer({ config })
    two = await startServer({ config })
  })

  afterAll(async () => {
    for (const c of clients) c.destroy()
    await one?.close()
    await two?.close()
    await redis?.stop()
    await pg?.stop()
  })

  it('relays edits and presence between clients on different instances', async () => {
    const session = await createSession(one.url)
    const a = client(one.syncUrl, session.id, 'board', session.tokens.interviewer)
    const b = client(two.syncUrl, session.id, 'board', session.tokens.candidate)
    await Promise.all([a.synced, b.synced])
    expect(b.doc.getText('notes').toString()).toContain('# Functional requirements')
    a.doc.getMap('m').set('from-one', 1)
    b.doc.getMap('m').set('from-two', 2)
    await vi.waitFor(() => {
      expect(b.doc.getMap('m').get('from-one')).toBe(1)
      expect(a.doc.getMap('m').get('from-two')).toBe(2)
    })
    a.provider.awareness.setLocalStateField('user', { name: 'Ada' })
    await vi.waitFor(() =>
      expect(b.provider.awareness.getStates().get(a.doc.clientID)).toMatchObject({ user: { name: 'Ada' } }),
    )
  })

  it('recovers an update whose fan-out message was lost, from storage', async () => {
    const session = await createSession(one.url)
    const a = client(one.syncUrl, session.id, 'board', session.tokens.interviewer)
    const b = client(two.syncUrl, session.id, 'board', session.tokens.candidate)
    await Promise.all([a.synced, b.synced])
    // Redis goes away: the next publish is lost (pub/sub keeps nothing).
    const port = new URL(redis.url).port
    await redis.stop()
    a.doc.getMap('m').set('lost', 1)
    await vi.waitFor(async () =>
      expect(
        (await one.app.context.storage.listUpdates(session.id)).filter((e) => e.doc === 'board'),
      ).toHaveLength(2),
    )
    const restarted = spawn(
      'redis-server',
      ['--port', port, '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: 'ignore' },
    )
    redis = {
      ...redis,
      process: restarted,
      stop: () =>
        new Promise<void>((resolve) => (restarted.once('exit', () => resolve()), restarted.kill('SIGTERM'))),
    }
    // Once the instances have reconnected, the next update reveals the gap and both arrive.
    await vi.waitFor(
      () => {
        a.doc.getMap('m').set('next', Date.now())
        expect(b.doc.getMap('m').get('next')).toBeDefined()
      },
      { timeout: 15_000, interval: 300 },
    )
    await vi.waitFor(() => expect(b.doc.getMap('m').get('lost')).toBe(1))
  })

  it('ending the session on one instance freezes its documents on the other', async () => {
    const session = await createSession(one.url)
    const control = client(one.syncUrl, session.id, 'control', session.tokens.interviewer)
    const board = client(two.syncUrl, session.id, 'board', session.tokens.candidate)
    await Promise.all([control.synced, board.synced])
    setTimer(control, { type: 'start' })
    setTimer(control, { type: 'end' })
    await vi.waitFor(() => expect(two.app.context.lifecycle.isEnded(session.id)).toBe(true))
    board.doc.getMap('m').set('too-late', 1)
    await vi.waitFor(async () =>
      expect((await two.app.context.metrics.updatesDropped.get()).values[0]?.value).toBeGreaterThan(0),
    )
    expect(
      (await two.app.context.storage.listUpdates(session.id)).filter((e) => e.doc === 'board'),
    ).toHaveLength(1)
  })
})
