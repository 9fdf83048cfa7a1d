import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'

import { heartbeatFrame } from '../../server/src/sync/heartbeat.js'
import { createSession, startServer, type TestServer } from '../helpers/server.js'

/**
 * Dead-peer detection: a socket that answers no ping for a whole interval is cut. A client busy
 * enough that its pong sits behind its own frames is not dead — any frame it sends proves it alive.
 */
const PING_MS = 150

describe('liveness', () => {
  let s: TestServer
  beforeAll(async () => {
    s = await startServer({ config: { pingIntervalMs: PING_MS } })
  })
  afterAll(() => s.close())

  /** A raw socket that never answers pings (as a client stuck behind its own backlog would not). */
  const openDeaf = async (url: string) => {
    const ws = new WebSocket(url, { autoPong: false })
    const closedAt = new Promise<number>((resolve) => ws.on('close', () => resolve(performance.now())))
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve())
      ws.once('error', reject)
    })
    return { ws, closedAt }
  }

  it('cuts a silent socket that answers no ping, keeps one that answers none but keeps sending', async () => {
    const session = await createSession(s.url)
    const url = (token: string) => `${s.syncUrl}/${session.id}/board?token=${token}`
    const silent = await openDeaf(url(session.tokens.observer))
    const chatty = await openDeaf(url(session.tokens.candidate))
    const start = performance.now()
    // An empty awareness update: a real frame that changes nothing, every 50 ms.
    const frame = heartbeatFrame()
    const sender = setInterval(() => chatty.ws.send(frame), PING_MS / 3)
    try {
      await silent.closedAt
      // The silent one goes within two or three intervals; by then the chatty one has missed as many pongs.
      const outlived = await Promise.race([
        chatty.closedAt.then(() => false),
        new Promise<boolean>((resolve) => {
          const check = setInterval(() => {
            if (performance.now() - start < 8 * PING_MS) return
            clearInterval(check)
            resolve(true)
          }, PING_MS)
        }),
      ])
      expect(outlived).toBe(true)
      expect(chatty.ws.readyState).toBe(WebSocket.OPEN)
    } finally {
      clearInterval(sender)
      chatty.ws.close()
    }
  })
})
