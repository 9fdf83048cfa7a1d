import { describe, expect, it } from 'vitest'

import { useHarness } from '../helpers/harness.js'
import { api, chunk, take } from '../helpers/recordingsApi.js'
import { createSession } from '../helpers/server.js'

const { server } = useHarness()

describe('recordings API', () => {
  it('stores chunks sent out of order in index order, stamped with server time, and serves ranges', async () => {
    const s = await server()
    const session = await createSession(s.url)
    const a = api(s, session)
    const { candidate, interviewer } = session.tokens
    const id = await take(a, candidate)
    const before = Date.now()
    // Chunk 2 arrives first (a slow upload of chunk 1 retried later), then 0, then 1, then 1 again.
    expect((await a.upload(candidate, id, 2, chunk(2))).status).toBe(201)
    expect((await a.upload(candidate, id, 0, chunk(0))).status).toBe(201)
    expect((await a.upload(candidate, id, 1, chunk(1))).status).toBe(201)
    expect((await a.upload(candidate, id, 1, chunk(9))).status).toBe(200)

    const list = (await (await a.list(interviewer)).json()) as Record<string, unknown>[]
    expect(list).toHaveLength(1)
    expect(list[0]).toMatchObject({
      id,
      participant: 'Cam',
      role: 'candidate',
      durationMs: 9000,
      bytes: 3000,
    })
    // Chunk 0 ended when it arrived: its audio began its duration earlier.
    expect(list[0]!.startedAt).toBeGreaterThanOrEqual(before - 3000)
    expect(list[0]!.startedAt).toBeLessThanOrEqual(Date.now() - 3000)

    const whole = new Uint8Array(await (await a.audio(interviewer, id)).arrayBuffer())
    expect([whole[0], whole[1000], whole[2000], whole.byteLength]).toEqual([0, 1, 2, 3000])
    const part = await a.audio(interviewer, id, 'bytes=999-1001')
    expect(part.status).toBe(206)
    expect(part.headers.get('content-range')).toBe('bytes 999-1001/3000')
    expect([...new Uint8Array(await part.arrayBuffer())]).toEqual([0, 1, 1])
    expect((await a.audio(interviewer, id, 'bytes=5000-')).status).toBe(416)
  })

  it('stores nothing without consent, nothing for an observer, nothing after stop', async () => {
    const s = await server()
    const session = await createSession(s.url)
    const a = api(s, session)
    const { candidate, interviewer, observer } = session.tokens
    const noConsent = await a.agree(candidate, { consent: false })
    expect(noConsent.status).toBe(400)
    expect(await noConsent.text()).toMatch(/consent/)
    // No take, nowhere to put a chunk.
    expect((await a.upload(candidate, 'AAAAAAAAAAAAAAAA', 0, chunk(1))).status).toBe(404)
    expect((await a.agree(observer)).status).toBe(403)

    const id = await take(a, candidate)
    expect((await a.upload(interviewer, id, 0, chunk(1))).status).toBe(403)
    expect((await a.upload(candidate, id, 0, chunk(1), 'video/mp4')).status).toBe(415)
    expect((await a.stop(candidate, id)).status).toBe(204)
    expect((await a.upload(candidate, id, 0, chunk(1))).status).toBe(409)
    const list = (await (await a.list(interviewer)).json()) as { bytes: number; stoppedAt: number | null }[]
    expect(list).toEqual([expect.objectContaining({ bytes: 0, stoppedAt: expect.any(Number) })])
  })

  it('caps a chunk and the session, naming the variables', async () => {
    const s = await server({ config: { voice: { maxAudioBytes: 2500, maxAudioChunkBytes: 1500 } } })
    const session = await createSession(s.url)
    const a = api(s, session)
    const { candidate, interviewer } = session.tokens
    const cam = await take(a, candidate)
    const ada = await take(a, interviewer, 'Ada')
    const big = await a.upload(candidate, cam, 0, chunk(1, 1600))
    expect(big.status).toBe(413)
    expect(await big.text()).toMatch(/MOCKBOARD_MAX_AUDIO_CHUNK_BYTES/)
    expect((await a.upload(candidate, cam, 0, chunk(1))).status).toBe(201)
    expect((await a.upload(interviewer, ada, 0, chunk(1))).status).toBe(201)
    const full = await a.upload(candidate, cam, 1, chunk(1))
    expect(full.status).toBe(413)
    expect(await full.text()).toMatch(/MOCKBOARD_MAX_AUDIO_BYTES/)
    const list = (await (await a.list(interviewer)).json()) as { bytes: number }[]
    expect(list.reduce((sum, r) => sum + r.bytes, 0)).toBe(2000)
  })

  it('caps the takes of a session (hostile finding 9), naming the variable', async () => {
    const s = await server({ config: { voice: { maxRecordings: 2 } } })
    const session = await createSession(s.url)
    const a = api(s, session)
    const { candidate, interviewer } = session.tokens
    await take(a, candidate, 'Cam')
    await take(a, interviewer, 'Ada')
    const third = await a.agree(candidate, { participant: 'Cam again' })
    expect(third.status).toBe(413)
    expect(await third.text()).toMatch(/2 recordings \(MOCKBOARD_MAX_RECORDINGS\)/)
    expect(((await (await a.list(interviewer)).json()) as unknown[]).length).toBe(2)
  })

  it('lists for the interviewer, for the candidate once shared; only the interviewer deletes', async () => {
    const s = await server()
    const session = await createSession(s.url)
    const a = api(s, session)
    const { candidate, interviewer, observer } = session.tokens
    const id = await take(a, candidate)
    await a.upload(candidate, id, 0, chunk(1))
    expect((await a.list(candidate)).status).toBe(403)
    expect((await a.audio(candidate, id)).status).toBe(403)
    expect((await a.list(observer)).status).toBe(403)
    expect((await a.share(interviewer)).status).toBe(200)
    expect((await a.list(candidate)).status).toBe(200)
    expect((await a.audio(candidate, id)).status).toBe(200)

    expect((await a.remove(candidate)).status).toBe(403)
    expect((await a.remove(interviewer)).status).toBe(204)
    expect(await (await a.list(interviewer)).json()).toEqual([])
    expect((await a.audio(interviewer, id)).status).toBe(404)
  })
})
