import { randomBytes } from 'node:crypto'

import { describe, expect, it, vi } from 'vitest'

import { useHarness } from '../helpers/harness.js'
import { type CreatedSession, createSession, type TestServer } from '../helpers/server.js'

const h = useHarness()
const MiB = 1024 * 1024
const fast = { bytesPerSecond: 1e9, messagesPerSecond: 100_000 }

const png = (size: number) =>
  Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(size)])

const upload = (s: TestServer, session: CreatedSession, body: Buffer) =>
  fetch(`${s.url}/api/sessions/${session.id}/assets`, {
    method: 'POST',
    headers: { 'content-type': 'image/png', authorization: `Bearer ${session.tokens.candidate}` },
    body: new Uint8Array(body),
  })

const post = (s: TestServer, path: string, token?: string) =>
  fetch(`${s.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: '{}',
  })

describe('server-wide data cap (MOCKBOARD_MAX_DATA_BYTES)', () => {
  it('past the cap: new sessions, next rounds and images get 507, live edits go on, /healthz and /metrics say so', async () => {
    const maxDataBytes = 2 * MiB
    const s = await h.server({ config: { maxDataBytes, limits: fast } })
    const session = await createSession(s.url)
    const health = async () =>
      (await (await fetch(`${s.url}/healthz`)).json()) as {
        ok: boolean
        data: Record<string, number | boolean>
      }
    const before = await health()
    expect(before.data).toMatchObject({ maxBytes: maxDataBytes, full: false })
    expect(before.data.usedBytes).toBeGreaterThan(0)

    // An image that fits is stored; one that would pass the cap is refused before it is stored.
    expect((await upload(s, session, png(700 * 1024))).status).toBe(201)
    const tooBig = await upload(s, session, png(1.5 * MiB))
    expect(tooBig.status).toBe(507)
    expect(await tooBig.json()).toMatchObject({
      statusCode: 507,
      error: 'Insufficient Storage',
      message: expect.stringContaining('MOCKBOARD_MAX_DATA_BYTES') as string,
    })

    // Live edits of an existing session take the store past the cap, and keep working past it.
    const writer = h.client(s.syncUrl, session.id, 'board', session.tokens.candidate)
    const reader = h.client(s.syncUrl, session.id, 'board', session.tokens.interviewer)
    await Promise.all([writer.synced, reader.synced])
    const text = writer.doc.getText('scratch')
    for (let i = 0; i < 3; i++) text.insert(text.length, 'x'.repeat(600 * 1024))
    await vi.waitFor(() => expect(reader.doc.getText('scratch').length).toBe(3 * 600 * 1024), {
      timeout: 10_000,
    })
    await vi.waitFor(async () => expect((await health()).data.full).toBe(true))

    const refused = await post(s, '/api/sessions')
    expect(refused.status).toBe(507)
    expect((await refused.json()).message).toMatch(/storage is full \(MOCKBOARD_MAX_DATA_BYTES\)/)
    expect((await post(s, `/api/sessions/${session.id}/next-round`, session.tokens.candidate)).status).toBe(
      507,
    )
    expect((await upload(s, session, png(1_000))).status).toBe(507)

    text.insert(text.length, 'still here')
    await vi.waitFor(() => expect(reader.doc.getText('scratch').toString().endsWith('still here')).toBe(true))
    const stored = await s.app.context.storage.logBytes(session.id, 'board')
    expect(stored).toBeGreaterThan(3 * 600 * 1024)

    const after = await health()
    expect(after).toMatchObject({ ok: true, data: { maxBytes: maxDataBytes, full: true } })
    expect(after.data.usedBytes).toBeGreaterThan(maxDataBytes)
    const metrics = await (await fetch(`${s.url}/metrics`)).text()
    const used = Number(/^mockboard_data_bytes (\d+)$/m.exec(metrics)?.[1])
    expect(used).toBeGreaterThan(maxDataBytes)
    expect(metrics).toMatch(new RegExp(`^mockboard_data_max_bytes ${maxDataBytes}$`, 'm'))
  })

  it('counts what is already stored when the server starts again', async () => {
    const first = await h.server({ config: { maxDataBytes: 2 * MiB } })
    const session = await createSession(first.url)
    expect((await upload(first, session, png(1.5 * MiB))).status).toBe(201)
    await first.close({ keepData: true })
    const again = await h.server({ dataDir: first.dataDir, config: { maxDataBytes: 2 * MiB } })
    expect(again.app.context.dataBudget.usedBytes).toBeGreaterThan(1.5 * MiB)
    expect((await upload(again, session, png(700 * 1024))).status).toBe(507)
    // A cap of 0 is no cap.
    await again.close({ keepData: true })
    const uncapped = await h.server({ dataDir: first.dataDir, config: { maxDataBytes: 0 } })
    expect((await upload(uncapped, session, png(700 * 1024))).status).toBe(201)
    expect((await post(uncapped, '/api/sessions')).status).toBe(201)
  })
})
