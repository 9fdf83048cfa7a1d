import { promisify } from 'node:util'
import { brotliDecompress, gunzip } from 'node:zlib'

import {
  decodeSegment,
  type PackedSessionHistory,
  type SessionHistory,
  unpackHistory,
} from '@mockboard/shared'
import { describe, expect, it, vi } from 'vitest'

import { negotiateEncoding } from '../../server/src/replay/contentEncoding.js'
import { useHarness } from '../helpers/harness.js'
import { createSession } from '../helpers/server.js'

const { server, client } = useHarness()
const unbrotli = promisify(brotliDecompress)
const ungzip = promisify(gunzip)

/** A session whose board log has several closed segments (snapshots every 10 updates). */
async function recorded() {
  const s = await server({ config: { snapshotEvery: 10 } })
  const session = await createSession(s.url, { title: 'Design a chat system' })
  const writer = client(s.syncUrl, session.id, 'board', session.tokens.candidate)
  await writer.synced
  // Repetitive 2 kB values, like tldraw records dragged frame by frame (and enough bytes to snapshot).
  for (let i = 0; i < 25; i++)
    writer.doc.getMap('shapes').set(`s${i % 7}`, `{"x":${i},"label":"${'Kafka queue '.repeat(160)}"}`)
  await vi.waitFor(async () => {
    const board = (await s.app.context.storage.listUpdates(session.id)).filter((e) => e.doc === 'board')
    expect(board.length).toBeGreaterThanOrEqual(26)
  })
  const get = (path: string, encoding?: string) =>
    s.app.fastify.inject({
      url: `/api/sessions/${session.id}${path}`,
      headers: {
        authorization: `Bearer ${session.tokens.candidate}`,
        ...(encoding ? { 'accept-encoding': encoding } : {}),
      },
    })
  return { s, session, get }
}

describe('replay bodies are compressed as the client accepts', () => {
  it('picks brotli or gzip by Accept-Encoding and its q-values, identity when neither is accepted', () => {
    expect(negotiateEncoding('gzip, deflate, br, zstd')).toBe('br')
    expect(negotiateEncoding('gzip, deflate')).toBe('gzip')
    expect(negotiateEncoding('br;q=0.5, gzip;q=0.8')).toBe('gzip')
    expect(negotiateEncoding('br;q=0, gzip')).toBe('gzip')
    expect(negotiateEncoding('*')).toBe('br')
    expect(negotiateEncoding('*;q=0, identity')).toBe('identity')
    expect(negotiateEncoding('deflate')).toBe('identity')
    // A client that prefers identity gets it; one that only ranks it lower does not.
    expect(negotiateEncoding('identity, gzip;q=0.5')).toBe('identity')
    expect(negotiateEncoding('identity;q=0.9, br;q=0.5')).toBe('identity')
    expect(negotiateEncoding('identity;q=0.5, br')).toBe('br')
    expect(negotiateEncoding('*;q=0.5, gzip')).toBe('gzip')
    expect(negotiateEncoding(undefined)).toBe('identity')
  })

  it('sends a closed segment compressed once, the same bytes decoded, a fraction of the size', async () => {
    const { s, get } = await recorded()
    const plain = await get('/segment?doc=board&seq=1')
    expect(plain.statusCode).toBe(200)
    expect(plain.headers['content-encoding']).toBeUndefined()
    const identity = new Uint8Array(plain.rawPayload)
    expect(decodeSegment(identity).header.closedBy).not.toBeNull()

    const storage = s.app.context.storage
    const loadSegment = storage.loadSegment.bind(storage)
    let reads = 0
    storage.loadSegment = (...args) => {
      reads++
      return loadSegment(...args)
    }
    for (const [accept, encoding, decode] of [
      ['gzip, deflate, br', 'br', unbrotli],
      ['gzip, deflate', 'gzip', ungzip],
    ] as const) {
      const res = await get('/segment?doc=board&seq=1', accept)
      expect(res.statusCode).toBe(200)
      expect(res.headers['content-encoding']).toBe(encoding)
      expect(res.headers['vary']).toBe('Accept-Encoding')
      expect(res.headers['cache-control']).toBe('private, max-age=31536000, immutable')
      expect(res.headers['content-type']).toBe('application/octet-stream')
      expect(res.rawPayload.byteLength).toBeLessThan(identity.byteLength / 4)
      expect(new Uint8Array(await decode(res.rawPayload))).toEqual(identity)
      // Asked again: the compressed body comes from the cache, storage is not read.
      const before = reads
      const again = await get('/segment?doc=board&seq=1', accept)
      expect(again.headers['content-encoding']).toBe(encoding)
      expect(again.headers['cache-control']).toBe('private, max-age=31536000, immutable')
      expect(again.rawPayload).toEqual(res.rawPayload)
      expect(reads).toBe(before)
    }
    expect(reads).toBe(2)
  })

  it('compresses the live end of the log per request and never caches it for good', async () => {
    const { get } = await recorded()
    const history = (await get('/history')).json<SessionHistory>()
    const last = Math.max(...history.updates.seq.filter((_, i) => history.updates.doc[i] === 'board'))
    const res = await get(`/segment?doc=board&seq=${last}`, 'gzip')
    expect(res.headers['cache-control']).toBe('private, no-cache')
    expect(res.headers['content-encoding']).toBe('gzip')
    const body = new Uint8Array(await ungzip(res.rawPayload))
    expect(decodeSegment(body).header.closedBy).toBeNull()
    expect(decodeSegment(body).updates.at(-1)?.seq).toBe(last)
  })

  it('packs the history: the same timeline unpacked, smaller before and after compression', async () => {
    const { get } = await recorded()
    const plain = await get('/history')
    const packed = await get('/history?format=packed')
    expect(packed.statusCode).toBe(200)
    const unpacked = unpackHistory(packed.json<PackedSessionHistory>())
    expect(unpacked).toEqual(plain.json<SessionHistory>())
    expect(packed.rawPayload.byteLength).toBeLessThan(plain.rawPayload.byteLength)
    const compressed = await get('/history?format=packed', 'br')
    expect(compressed.headers['content-encoding']).toBe('br')
    expect(compressed.headers['vary']).toBe('Accept-Encoding')
    expect(JSON.parse((await unbrotli(compressed.rawPayload)).toString('utf8'))).toEqual(packed.json())
    expect((await get('/history?format=xml')).json<{ message: string }>().message).toMatch(/format/)
  })

  it('reuses the history body until the log, the cameras or the session change', async () => {
    const { s, session } = await recorded()
    const { docWorkers, storage, replayBodies } = s.app.context
    // The clock the rebuilds are timed by stands still until the test moves it.
    let clock = replayBodies.now()
    replayBodies.now = () => clock
    const later = () => (clock += 60_000)
    const run = docWorkers.run.bind(docWorkers)
    let builds = 0
    docWorkers.run = (task) => {
      if (task.type === 'history') builds++
      return run(task)
    }
    const history = async (token: string, encoding: 'br' | 'gzip' | 'identity' = 'br') => {
      const res = await s.app.fastify.inject({
        url: `/api/sessions/${session.id}/history`,
        headers: { authorization: `Bearer ${token}`, 'accept-encoding': encoding },
      })
      expect(res.statusCode).toBe(200)
      expect(res.headers['cache-control']).toBe('private, no-cache')
      expect(res.headers['content-encoding']).toBe(encoding === 'identity' ? undefined : encoding)
      const decode = { br: unbrotli, gzip: ungzip, identity: (b: Buffer) => Promise.resolve(b) }[encoding]
      const text = await decode(res.rawPayload)
      return { raw: res.rawPayload, body: JSON.parse(text.toString('utf8')) as SessionHistory }
    }
    const { interviewer, candidate } = session.tokens
    const first = await history(interviewer)
    expect(builds).toBe(1)
    const again = await history(interviewer)
    expect(builds).toBe(1)
    expect(again.raw).toEqual(first.raw)
    // Another encoding of the same state is made from the body kept as it is, not built again
    // (a build lists the whole log on a worker), and neither pushes the other out.
    expect((await history(interviewer, 'gzip')).body).toEqual(first.body)
    expect(builds).toBe(1)
    await history(interviewer)
    await history(interviewer, 'gzip')
    expect(builds).toBe(1)
    // A client that takes the body as it is (curl) is served from the cache too.
    expect((await history(interviewer, 'identity')).body).toEqual(first.body)
    await history(interviewer, 'identity')
    expect(builds).toBe(1)
    // Another view of the same session is built apart (no private updates in it).
    await history(candidate)
    expect(builds).toBe(2)
    // Many asking at once for a state nobody has built yet: one build, the others wait for it.
    await storage.appendCameras(session.id, [
      {
        at: Date.now(),
        role: 'interviewer',
        name: 'Grace',
        page: 'page:page',
        x: 0,
        y: 0,
        z: 1,
        w: 800,
        h: 600,
      },
    ])
    // Within four times its build's duration of it, the body serves though the cameras changed: a
    // live session is not listed again for every request.
    expect((await history(candidate)).body.cameras).toHaveLength(0)
    expect(builds).toBe(2)
    later()
    const together = await Promise.all(Array.from({ length: 8 }, () => history(candidate)))
    expect(builds).toBe(3)
    for (const h of together) expect(h.raw).toEqual(together[0]!.raw)
    expect(together[0]!.body.cameras).toHaveLength(1)

    // A board edit: listed at once.
    const writer = client(s.syncUrl, session.id, 'board', candidate)
    await writer.synced
    writer.doc.getMap('shapes').set('late', '{"x":1}')
    const boardCount = (h: SessionHistory) => h.updates.doc.filter((d) => d === 'board').length
    await vi.waitFor(async () => {
      later()
      expect(boardCount((await history(interviewer)).body)).toBe(boardCount(first.body) + 1)
    })

    // A bookmark in the interviewer's private doc: listed for the interviewer.
    const privateCount = (h: SessionHistory) => h.updates.doc.filter((d) => d === 'private').length
    const before = privateCount((await history(interviewer)).body)
    const notes = client(s.syncUrl, session.id, 'private', interviewer)
    await notes.synced
    notes.doc.getMap('marks').set('m1', 'x')
    await vi.waitFor(async () => {
      later()
      expect(privateCount((await history(interviewer)).body)).toBeGreaterThan(before)
    })

    // A camera sample, then the end of the session: each is in the next body.
    const sample = {
      at: Date.now(),
      role: 'candidate',
      name: 'Ada',
      page: 'page:page',
      x: 1,
      y: 2,
      z: 1,
      w: 800,
      h: 600,
    } as const
    await storage.appendCameras(session.id, [sample])
    later()
    expect((await history(interviewer)).body.cameras).toContainEqual(sample)
    // The session's record changing (its end, sharing) is never left for later.
    const endedAt = Date.now()
    await storage.updateSession(session.id, { endedAt })
    expect((await history(interviewer)).body.endedAt).toBe(endedAt)
    // And then it is reused again.
    const built = builds
    await history(interviewer)
    expect(builds).toBe(built)
  })
})

describe('compressed replay bodies kept between requests', () => {
  it('leave memory with their session when it is deleted; other sessions keep theirs', async () => {
    const { s, session, get } = await recorded()
    expect((await get('/history?format=packed', 'br')).statusCode).toBe(200)
    expect((await get('/segment?doc=board&seq=1', 'br')).statusCode).toBe(200)
    const { encoded } = s.app.context.replayBodies
    const other = Buffer.from('another session’s segment')
    encoded.set('another-session/board/1/1|br', other)
    const before = encoded.size.entries
    expect(before).toBeGreaterThanOrEqual(3)

    const res = await fetch(`${s.url}/api/sessions/${session.id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${session.tokens.interviewer}` },
    })
    expect(res.status).toBe(204)
    expect(encoded.size).toEqual({ entries: 1, bytes: other.byteLength })
    expect(encoded.get('another-session/board/1/1|br')).toBe(other)
  })

  it('keep nothing of a history whose session was deleted while it was built (404)', async () => {
    const { s, session, get } = await recorded()
    const { docWorkers, replayBodies } = s.app.context
    const run = docWorkers.run.bind(docWorkers)
    docWorkers.run = async (task) => {
      const body = await run(task)
      if (task.type === 'history') {
        const res = await fetch(`${s.url}/api/sessions/${session.id}`, {
          method: 'DELETE',
          headers: { authorization: `Bearer ${session.tokens.interviewer}` },
        })
        expect(res.status).toBe(204)
      }
      return body
    }
    expect((await get('/history?format=packed', 'br')).statusCode).toBe(404)
    expect(replayBodies.encoded.size.entries).toBe(0)
  })
})
