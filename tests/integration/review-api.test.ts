import {
  boardEstimatesMap,
  CloseCode,
  EMPTY_ESTIMATES,
  ESTIMATES_INPUTS_KEY,
  type FindingEvent,
  openBoardRecords,
  readBoardEstimates,
  type Review,
  type SessionReport,
  writeBoardEstimates,
} from '@mockboard/shared'
import { describe, expect, it, vi } from 'vitest'

import { useHarness } from '../helpers/harness.js'
import { createSession, type TestServer } from '../helpers/server.js'

const { server, client } = useHarness()

const component = (id: string, kind: string, label: string) => ({
  id,
  typeName: 'shape',
  type: 'system-component',
  x: 0,
  y: 0,
  rotation: 0,
  index: 'a1',
  parentId: 'page:page',
  isLocked: false,
  opacity: 1,
  meta: {},
  props: { kind, label, technology: '', replicas: 1, shardKey: '', notes: '', w: 184, h: 76 },
})

const get = (s: TestServer, id: string, path: string, token?: string) =>
  fetch(`${s.url}/api/sessions/${id}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} })

const summary = (review: Review) => review.findings.map((f) => `${f.rule} ${f.shapeIds.join()}`).sort()

describe('GET /api/sessions/:id/review', () => {
  it('reviews the board now and at an instant, and dates each finding raised and resolved', async () => {
    const s = await server()
    const session = await createSession(s.url)
    const writer = client(s.syncUrl, session.id, 'board', session.tokens.candidate)
    await writer.synced
    const records = openBoardRecords<{ id: string }>(writer.doc)
    const room = () => s.app.context.registry.peek(session.id, 'board')!

    records.set('shape:db', component('shape:db', 'relational-db', 'Orders DB'))
    records.set('shape:q', component('shape:q', 'message-queue', 'Jobs'))
    await vi.waitFor(() => expect(openBoardRecords(room().doc).has('shape:q')).toBe(true))
    await room().flush()
    const afterPlacing = Date.now()
    // Two instants must fall in different one-second review buckets.
    await vi.waitFor(() => expect(Date.now()).toBeGreaterThan(afterPlacing + 1_000), { timeout: 3_000 })
    records.delete('shape:q')
    await vi.waitFor(() => expect(openBoardRecords(room().doc).has('shape:q')).toBe(false))
    await room().flush()

    const now = await get(s, session.id, '/review', session.tokens.interviewer)
    expect(now.status).toBe(200)
    expect(summary((await now.json()) as Review)).toEqual(['unconnected-component shape:db'])
    const then = (await (
      await get(s, session.id, `/review?at=${afterPlacing}`, session.tokens.interviewer)
    ).json()) as Review
    expect(summary(then)).toEqual([
      'queue-without-consumer shape:q',
      'unconnected-component shape:db',
      'unconnected-component shape:q',
    ])
    expect(then.findings.find((f) => f.rule === 'queue-without-consumer')?.message).toMatch(
      /Nothing reads from Jobs/,
    )
    expect(then.estimates.inputs).toEqual(EMPTY_ESTIMATES)

    const res = await get(s, session.id, '/review/events', session.tokens.interviewer)
    const { events } = (await res.json()) as { events: FindingEvent[] }
    const queue = events.filter((e) => e.finding.rule === 'queue-without-consumer')
    expect(queue.map((e) => e.kind)).toEqual(['raised', 'resolved'])
    expect(queue[0]!.at).toBeLessThanOrEqual(afterPlacing)
    expect(queue[1]!.at).toBeGreaterThan(afterPlacing)

    // The report's "Design review": the database still open at the end, the queue resolved and when.
    const report = (await (
      await get(s, session.id, '/report.json', session.tokens.interviewer)
    ).json()) as SessionReport
    const spans = report.designReview!.findings
    expect(spans.filter((x) => x.resolvedAt === null).map((x) => x.finding.shapeIds[0])).toEqual(['shape:db'])
    const resolvedQueue = spans.find((x) => x.finding.rule === 'queue-without-consumer')!
    expect(resolvedQueue.resolvedAt).toBe(queue[1]!.at)
    const md = await (await get(s, session.id, '/report.md', session.tokens.interviewer)).text()
    expect(md).toContain('## Design review')
    expect(md).toMatch(/### Resolved \(2\)\n\n- `queue-without-consumer` Nothing reads from Jobs/)
    expect(md).toContain('| Average QPS | — |')
    const candidate = (await (
      await get(s, session.id, '/report.json', session.tokens.candidate)
    ).json()) as SessionReport
    expect(candidate.designReview).toBeUndefined()
  })

  it('answers 401 without a valid token, 403 to the candidate until the report is shared, 400 for a bad at', async () => {
    const s = await server()
    const session = await createSession(s.url)
    expect((await get(s, session.id, '/review')).status).toBe(401)
    expect((await get(s, session.id, '/review', `${session.tokens.interviewer}x`)).status).toBe(401)
    const refused = await get(s, session.id, '/review', session.tokens.candidate)
    expect(refused.status).toBe(403)
    expect(await refused.text()).toMatch(/shares the report/)
    expect((await get(s, session.id, '/review/events', session.tokens.candidate)).status).toBe(403)
    expect((await get(s, session.id, '/review', session.tokens.observer)).status).toBe(403)
    const bad = await get(s, session.id, '/review?at=yesterday', session.tokens.interviewer)
    expect(bad.status).toBe(400)
    expect(await bad.text()).toMatch(/at/)

    const shared = await fetch(`${s.url}/api/sessions/${session.id}/share`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${session.tokens.interviewer}`, 'content-type': 'application/json' },
      body: JSON.stringify({ shared: true }),
    })
    expect(shared.status).toBe(200)
    expect((await get(s, session.id, '/review', session.tokens.candidate)).status).toBe(200)
    // The observer also needs the replay shared.
    expect((await get(s, session.id, '/review', session.tokens.observer)).status).toBe(403)
  })
})

describe('capacity estimates in the board doc', () => {
  it('are pre-filled from the problem library and feed the review', async () => {
    const s = await server()
    const session = await createSession(s.url, { problemId: 'chat', problem: 'Design a chat system' })
    const res = await get(s, session.id, '/review', session.tokens.interviewer)
    const review = (await res.json()) as Review
    expect(review.estimates.inputs).toEqual({
      ...EMPTY_ESTIMATES,
      dailyActiveUsers: 50e6,
      requestsPerUserPerDay: 40,
    })
    expect(review.estimates.lines.find((l) => l.id === 'avgQps')?.value).toBeCloseTo(23_148.1, 0)
  })

  it('sync when valid; a write the server refuses closes its sender with 4400 and reaches nobody', async () => {
    const s = await server()
    const session = await createSession(s.url)
    const writer = client(s.syncUrl, session.id, 'board', session.tokens.candidate)
    const reader = client(s.syncUrl, session.id, 'board', session.tokens.observer)
    await Promise.all([writer.synced, reader.synced])
    writeBoardEstimates(writer.doc, { dailyActiveUsers: 1e6, readWriteRatio: 10 })
    await vi.waitFor(() => expect(readBoardEstimates(reader.doc).dailyActiveUsers).toBe(1e6))

    for (const bad of [{ dailyActiveUsers: -1 }, { dailyActiveUsers: 1e300 }, { users: 5 }, 'lots']) {
      const attacker = client(s.syncUrl, session.id, 'board', session.tokens.candidate)
      await attacker.synced
      const closed = attacker.nextClose()
      attacker.doc.transact(() => boardEstimatesMap(attacker.doc).set(ESTIMATES_INPUTS_KEY, bad))
      expect(await closed).toBe(CloseCode.malformed)
      attacker.destroy()
    }
    const room = s.app.context.registry.peek(session.id, 'board')!
    expect(boardEstimatesMap(room.doc).get(ESTIMATES_INPUTS_KEY)).toEqual({
      ...EMPTY_ESTIMATES,
      dailyActiveUsers: 1e6,
      readWriteRatio: 10,
    })
    expect(readBoardEstimates(reader.doc).dailyActiveUsers).toBe(1e6)
  })
})
