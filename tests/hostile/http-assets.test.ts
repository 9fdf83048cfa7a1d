import { randomBytes } from 'node:crypto'

import { describe, expect, it } from 'vitest'

import { useHarness } from '../helpers/harness.js'
import { type CreatedSession, createSession, type TestServer } from '../helpers/server.js'

const h = useHarness()

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
const withBody = (head: Buffer | string, size: number) =>
  Buffer.concat([Buffer.from(head), randomBytes(size)])
const png = (size = 1_000) => withBody(PNG, size)

function upload(
  s: TestServer,
  session: CreatedSession,
  body: Buffer,
  options: { token?: string | null; type?: string } = {},
) {
  const token = options.token === undefined ? session.tokens.candidate : options.token
  return fetch(`${s.url}/api/sessions/${session.id}/assets`, {
    method: 'POST',
    headers: {
      'content-type': options.type ?? 'image/png',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: new Uint8Array(body),
  })
}

describe('asset store', () => {
  it('stores an image and serves it at an unguessable URL, without a token, typed from its bytes', async () => {
    const s = await h.server()
    const session = await createSession(s.url)
    const cases: [Buffer, string][] = [
      [png(), 'image/png'],
      [withBody(Buffer.from([0xff, 0xd8, 0xff, 0xe0]), 500), 'image/jpeg'],
      [withBody('GIF89a', 500), 'image/gif'],
      [
        Buffer.concat([
          Buffer.from('RIFF'),
          Buffer.from([1, 2, 3, 4]),
          Buffer.from('WEBP'),
          randomBytes(500),
        ]),
        'image/webp',
      ],
    ]
    const urls = new Set<string>()
    for (const [bytes, type] of cases) {
      // The declared type is a lie on purpose: only the bytes count.
      const res = await upload(s, session, bytes, { type: 'application/octet-stream' })
      expect(res.status).toBe(201)
      const { url } = (await res.json()) as { url: string }
      expect(url).toMatch(/^\/api\/assets\/[A-Za-z0-9_-]{32}$/)
      urls.add(url)
      const served = await fetch(`${s.url}${url}`)
      expect(served.status).toBe(200)
      expect(served.headers.get('content-type')).toBe(type)
      expect(served.headers.get('x-content-type-options')).toBe('nosniff')
      expect(served.headers.get('cache-control')).toBe('private, max-age=31536000, immutable')
      expect(Buffer.from(await served.arrayBuffer()).equals(bytes)).toBe(true)
    }
    expect(urls.size).toBe(4)
    // The interviewer uploads too.
    expect((await upload(s, session, png(), { token: session.tokens.interviewer })).status).toBe(201)
    expect((await fetch(`${s.url}/api/assets/${'A'.repeat(32)}`)).status).toBe(404)
    expect((await fetch(`${s.url}/api/assets/short`)).status).toBe(400)
  })

  it('refuses SVG, other types and empty bodies by their bytes', async () => {
    const s = await h.server()
    const session = await createSession(s.url)
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')
    for (const [body, type] of [
      [svg, 'image/svg+xml'],
      [svg, 'image/png'],
      [Buffer.from('<!doctype html><script>alert(1)</script>'), 'image/png'],
      [randomBytes(200), 'image/jpeg'],
    ] as const) {
      const res = await upload(s, session, body, { type })
      expect(res.status).toBe(415)
      expect((await res.json()).message).toMatch(/PNG, JPEG, GIF or WebP/)
    }
    expect((await upload(s, session, Buffer.alloc(0))).status).toBe(400)
  })

  it('lets only the interviewer and candidate of a live session upload', async () => {
    const s = await h.server()
    const session = await createSession(s.url)
    const other = await createSession(s.url)
    expect((await upload(s, session, png(), { token: session.tokens.observer })).status).toBe(403)
    expect((await upload(s, session, png(), { token: null })).status).toBe(401)
    expect((await upload(s, session, png(), { token: other.tokens.candidate })).status).toBe(401)
    await s.app.context.storage.updateSession(session.id, { endedAt: Date.now() })
    const ended = await upload(s, session, png())
    expect(ended.status).toBe(409)
    expect((await ended.json()).message).toMatch(/ended/)
  })

  it('caps one upload at MOCKBOARD_MAX_ASSET_BYTES and a session at MOCKBOARD_MAX_SESSION_ASSET_BYTES', async () => {
    const s = await h.server({ config: { assets: { maxAssetBytes: 4_096, maxSessionAssetBytes: 10_000 } } })
    const session = await createSession(s.url)
    const big = await upload(s, session, png(5_000))
    expect(big.status).toBe(413)
    expect((await big.json()).message).toMatch(/MOCKBOARD_MAX_ASSET_BYTES/)
    for (let i = 0; i < 3; i++) expect((await upload(s, session, png(3_000))).status).toBe(201)
    const full = await upload(s, session, png(3_000))
    expect(full.status).toBe(413)
    expect((await full.json()).message).toMatch(/MOCKBOARD_MAX_SESSION_ASSET_BYTES/)
    // Another session has its own allowance.
    const other = await createSession(s.url)
    expect((await upload(s, other, png(3_000))).status).toBe(201)
  })

  it('the app CSP lets same-origin images (and tldraw blob:/data: previews) load', async () => {
    const s = await h.server()
    const csp = (await fetch(`${s.url}/healthz`)).headers.get('content-security-policy') ?? ''
    const imgSrc = csp.split(';').find((d) => d.trim().startsWith('img-src')) ?? ''
    expect(imgSrc).toContain("'self'")
    expect(imgSrc).toContain('blob:')
    expect(imgSrc).toContain('data:')
  })
})
