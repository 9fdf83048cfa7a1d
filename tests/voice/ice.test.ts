import { createHmac } from 'node:crypto'

import type { IceResponse } from '@mockboard/shared/http'
import { describe, expect, it } from 'vitest'

import { ConfigError, loadConfig } from '../../server/src/config.js'
import { useHarness } from '../helpers/harness.js'
import { createSession } from '../helpers/server.js'

const { server } = useHarness()

const ice = (url: string, id: string, token?: string) =>
  fetch(`${url}/api/sessions/${id}/ice`, { headers: token ? { authorization: `Bearer ${token}` } : {} })

describe('ICE servers and TURN credentials', () => {
  it('hands session members the configured servers and coturn static-auth-secret credentials', async () => {
    const secret = 'turn-shared-secret-for-the-test'
    const s = await server({
      config: {
        voice: {
          iceServers: [{ urls: 'stun:stun.example.org:3478' }],
          turnSecret: secret,
          turnUrls: ['turn:turn.example.org:3478?transport=udp', 'turns:turn.example.org:5349'],
          turnTtlSeconds: 600,
        },
      },
    })
    const session = await createSession(s.url)
    const before = Math.floor(Date.now() / 1000)
    const res = await ice(s.url, session.id, session.tokens.observer)
    expect(res.status).toBe(200)
    expect(res.headers.get('cache-control')).toBe('no-store')
    const body = (await res.json()) as IceResponse
    expect(body.iceServers[0]).toEqual({ urls: 'stun:stun.example.org:3478' })
    const turn = body.iceServers[1]!
    expect(turn.urls).toEqual(['turn:turn.example.org:3478?transport=udp', 'turns:turn.example.org:5349'])
    // coturn's check, done independently: username "<expiry>:<label>", password base64(HMAC-SHA1).
    const [expiry, label] = turn.username!.split(':')
    expect(Number(expiry)).toBeGreaterThanOrEqual(before + 600)
    expect(Number(expiry)).toBeLessThanOrEqual(before + 602)
    expect(label).toBe(`${session.id}-observer`)
    expect(turn.credential).toBe(createHmac('sha1', secret).update(turn.username!).digest('base64'))
    expect(body.expiresAt).toBe(Number(expiry) * 1000)
  })

  it('gives no TURN credentials once the session ended (the configured servers still)', async () => {
    const s = await server({
      config: {
        voice: {
          iceServers: [{ urls: 'stun:stun.example.org:3478' }],
          turnSecret: 'x'.repeat(20),
          turnUrls: ['turn:t.example:3478'],
        },
      },
    })
    const session = await createSession(s.url)
    const live = (await (await ice(s.url, session.id, session.tokens.candidate)).json()) as IceResponse
    expect(live.iceServers).toHaveLength(2)
    await s.app.context.storage.updateSession(session.id, { endedAt: Date.now() })
    const res = await ice(s.url, session.id, session.tokens.candidate)
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({
      iceServers: [{ urls: 'stun:stun.example.org:3478' }],
      expiresAt: null,
    })
  })

  it('gives nothing to a caller without a token of this session', async () => {
    const s = await server({
      config: { voice: { turnSecret: 'x'.repeat(20), turnUrls: ['turn:t.example:3478'] } },
    })
    const a = await createSession(s.url)
    const b = await createSession(s.url)
    expect((await ice(s.url, a.id)).status).toBe(401)
    expect((await ice(s.url, a.id, b.tokens.interviewer)).status).toBe(401)
    expect((await ice(s.url, 'nope', a.tokens.interviewer)).status).toBe(401)
  })

  it('returns no servers by default (loopback and LAN need none)', async () => {
    const s = await server()
    const session = await createSession(s.url)
    expect(await (await ice(s.url, session.id, session.tokens.candidate)).json()).toEqual({
      iceServers: [],
      expiresAt: null,
    })
  })

  it('refuses bad ICE and TURN settings at start, naming the variable', () => {
    const bad: Record<string, string>[] = [
      { MOCKBOARD_ICE_SERVERS: 'stun:x' },
      { MOCKBOARD_ICE_SERVERS: '[{"urls":"http://x"}]' },
      { MOCKBOARD_ICE_SERVERS: '[{"urls":"turn:x","credential":5}]' },
      { MOCKBOARD_TURN_SECRET: 'secret' },
      { MOCKBOARD_TURN_URLS: 'stun:x', MOCKBOARD_TURN_SECRET: 'secret' },
    ]
    for (const env of bad) {
      const name = Object.keys(env).at(-1) === 'MOCKBOARD_TURN_SECRET' && !env.MOCKBOARD_TURN_URLS
      expect(() => loadConfig(env), JSON.stringify(env)).toThrow(ConfigError)
      expect(() => loadConfig(env)).toThrow(
        name ? /MOCKBOARD_TURN_SECRET/ : /MOCKBOARD_(ICE_SERVERS|TURN_URLS)/,
      )
    }
    expect(loadConfig({ MOCKBOARD_ICE_SERVERS: '[{"urls":["stun:a:3478"]}]' }).voice.iceServers).toEqual([
      { urls: ['stun:a:3478'] },
    ])
  })
})
