import { CloseCode } from '@mockboard/shared'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

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

describe.skipIf(skip)('deleting a session served by two instances (PostgreSQL + Redis)', () => {
  let pg: Service
  let redis: Awaited<ReturnType<typeof startRedis>>
  let one: TestServer
  let two: TestServer
  const clients: YClient[] = []

  beforeAll(async () => {
    ;[pg, redis] = await Promise.all([startPostgres(), startRedis()])
    const databaseUrl = await createDatabase(pg.url, 'scaleoutdelete')
    const config = { databaseUrl, redisUrl: redis.url, secret: 'd'.repeat(40) }
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

  it('closes the sockets the other instance serves with 4410, and the link is gone on both', async () => {
    const session = await createSession(one.url)
    const far = connectClient(two.syncUrl, session.id, 'board', session.tokens.candidate)
    const near = connectClient(one.syncUrl, session.id, 'control', session.tokens.candidate)
    clients.push(far, near)
    await Promise.all([far.synced, near.synced])
    const closes = [far.nextClose(), near.nextClose()]
    const res = await fetch(`${one.url}/api/sessions/${session.id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${session.tokens.interviewer}` },
    })
    expect(res.status).toBe(204)
    expect(await Promise.all(closes)).toEqual([CloseCode.sessionDeleted, CloseCode.sessionDeleted])
    for (const s of [one, two]) {
      const info = await fetch(`${s.url}/api/sessions/${session.id}`, {
        headers: { authorization: `Bearer ${session.tokens.interviewer}` },
      })
      expect(info.status).toBe(404)
    }
  })
})
