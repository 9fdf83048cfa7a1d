import { buildSegment, type BuiltSegment, decodeSegment } from '@mockboard/shared'
import { describe, expect, it, vi } from 'vitest'

import { useHarness } from '../helpers/harness.js'
import { lastWrite, record } from '../helpers/timelineFixtures.js'

const h = useHarness()
const auth = (token: string) => ({ authorization: `Bearer ${token}` })
const IMMUTABLE = 'private, max-age=31536000, immutable'

describe('GET /steps: the board log as the replay page draws it', () => {
  it('gives every segment as the page would build it, each closed one built once per form', async () => {
    const { server, session, before, ids } = await record(h, 30, 10)
    const get = (path: string, token = session.tokens.candidate) =>
      server.app.fastify.inject({ url: `/api/sessions/${session.id}${path}`, headers: auth(token) })
    const builds = vi.spyOn(server.app.context.docWorkers, 'run')
    const stepsBuilt = () => builds.mock.calls.filter(([task]) => task.type === 'steps').length

    // Walk the log as the page reads it forward: the first with its opening board, then each
    // continuing the one before. Each equals what building the binary segment here gives.
    const board = new Map<string, string>()
    let seq = 1
    let segments = 0
    for (;;) {
      const query = segments === 0 ? '' : '&keyframe=0'
      const res = await get(`/steps?seq=${seq}${query}`)
      expect(res.statusCode).toBe(200)
      expect(res.headers['content-type']).toBe('application/json; charset=utf-8')
      const built = res.json<BuiltSegment>()
      const raw = await get(`/segment?doc=board&seq=${seq}`)
      const { header, snapshot, updates } = decodeSegment(new Uint8Array(raw.rawPayload))
      const opening = { seq: header.snapshot.seq, data: snapshot }
      expect(built).toEqual(
        JSON.parse(JSON.stringify(buildSegment(opening, updates, header.closedBy, !query))),
      )
      expect(res.headers['cache-control']).toBe(built.closedBy === null ? 'private, no-cache' : IMMUTABLE)
      expect(built.fromSeq).toBe(seq - 1)
      if (segments === 0) for (const [id, json] of built.keyframe!.records) board.set(id, json)
      else expect(built.keyframe).toBeNull()
      for (const step of built.steps) {
        for (const [id, json] of step.put) board.set(id, json)
        for (const id of step.remove) board.delete(id)
        const i = step.seq - before - 1
        if (i < 0) continue
        for (let k = 0; k < 5; k++) {
          const shape = board.get(ids[k]!)
          expect(shape && (JSON.parse(shape) as { x: number }).x, `shape ${k} at ${step.seq}`).toBe(
            lastWrite(i, k),
          )
        }
      }
      segments++
      if (built.closedBy === null) break
      seq = built.closedBy + 1
    }
    expect(segments).toBeGreaterThan(2)
    expect(stepsBuilt()).toBe(segments)

    // A closed segment again: from the cache, built no more. So is the live end until something
    // is stored after it.
    const again = await get('/steps?seq=1')
    expect(again.headers['cache-control']).toBe(IMMUTABLE)
    expect(again.json<BuiltSegment>().keyframe).not.toBeNull()
    const liveEnd = () => get(`/steps?seq=${seq}&keyframe=0`)
    expect((await liveEnd()).headers['cache-control']).toBe('private, no-cache')
    expect(stepsBuilt()).toBe(segments)
    const writer = h.client(server.syncUrl, session.id, 'board', session.tokens.candidate)
    await writer.synced
    writer.doc.getText('notes').insert(0, 'one more')
    const grown = await vi.waitFor(async () => {
      const body = (await liveEnd()).json<BuiltSegment>()
      expect(body.steps.at(-1)?.notes).toBeTruthy()
      return body
    })
    expect(grown.toSeq).toBeGreaterThan(seq)
    expect(stepsBuilt()).toBeGreaterThan(segments)
    const afterGrowth = stepsBuilt()
    await liveEnd()
    expect(stepsBuilt()).toBe(afterGrowth)
    // A seek lands anywhere in a segment, with its opening: one build per segment and form,
    // whichever of its updates is asked for.
    const second = (await get('/steps?seq=1')).json<BuiltSegment>().closedBy! + 1
    for (const at of [second + 2, second + 3, second]) {
      const seek = (await get(`/steps?seq=${at}`)).json<BuiltSegment>()
      expect([seek.fromSeq, seek.keyframe === null]).toEqual([second - 1, false])
    }
    expect(stepsBuilt()).toBe(afterGrowth + 1)
  }, 60_000)

  it('builds a closed segment once for many asking at once', async () => {
    const { server, session } = await record(h, 12, 10)
    const builds = vi.spyOn(server.app.context.docWorkers, 'run')
    const replies = await Promise.all(
      Array.from({ length: 8 }, () =>
        server.app.fastify.inject({
          url: `/api/sessions/${session.id}/steps?seq=2`,
          headers: { ...auth(session.tokens.interviewer), 'accept-encoding': 'gzip' },
        }),
      ),
    )
    expect(replies.map((r) => r.statusCode)).toEqual(Array(8).fill(200))
    expect(new Set(replies.map((r) => r.rawPayload.toString('base64'))).size).toBe(1)
    expect(replies[0]!.headers['content-encoding']).toBe('gzip')
    expect(builds.mock.calls.filter(([task]) => task.type === 'steps')).toHaveLength(1)
  }, 60_000)

  it('refuses what the segment route refuses, naming the field', async () => {
    const { server, session } = await record(h, 1, 10)
    const get = (query: string, token: string, id = session.id) =>
      server.app.fastify.inject({ url: `/api/sessions/${id}/steps?${query}`, headers: auth(token) })
    // Observers only once the interviewer shares the replay.
    expect((await get('seq=1', session.tokens.observer)).statusCode).toBe(403)
    const share = await server.app.fastify.inject({
      method: 'PUT',
      url: `/api/sessions/${session.id}/share-replay`,
      headers: auth(session.tokens.interviewer),
      payload: { shared: true },
    })
    expect(share.statusCode).toBe(200)
    expect((await get('seq=1', session.tokens.observer)).statusCode).toBe(200)
    for (const [query, field] of [
      ['seq=-1', 'seq'],
      ['seq=1e3', 'seq'],
      ['', 'seq'],
      ['seq=1&keyframe=maybe', 'keyframe'],
    ]) {
      const bad = await get(query!, session.tokens.interviewer)
      expect(bad.statusCode, query).toBe(400)
      expect(bad.json<{ message: string }>().message, query).toMatch(field!)
    }
    expect((await get('seq=1', session.tokens.interviewer, 'nope-nope')).statusCode).toBe(401)
  }, 60_000)
})
