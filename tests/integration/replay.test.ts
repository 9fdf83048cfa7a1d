import {
  decodeSegment,
  PrivateKeys,
  readTimerState,
  type SessionHistory,
  type SessionInfo,
} from '@mockboard/shared'
import { describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'

import { setTimer, useHarness } from '../helpers/harness.js'
import { type CreatedSession, createSession, type TestServer } from '../helpers/server.js'

const { server, client } = useHarness()

async function setup() {
  const s = await server({ config: { snapshotEvery: 10 } })
  const session = await createSession(s.url, { title: 'Design a chat system' })
  return { s, session }
}
const auth = (token: string) => ({ authorization: `Bearer ${token}` })

async function stateAt(
  s: TestServer,
  session: CreatedSession,
  doc: string,
  at: number,
  token = session.tokens.interviewer,
): Promise<Y.Doc> {
  const res = await s.app.fastify.inject({
    url: `/api/sessions/${session.id}/state?doc=${doc}&at=${at}`,
    headers: auth(token),
  })
  expect(res.statusCode).toBe(200)
  expect(res.headers['content-type']).toBe('application/octet-stream')
  const doc2 = new Y.Doc()
  Y.applyUpdate(doc2, new Uint8Array(res.rawPayload))
  return doc2
}

async function history(s: TestServer, session: CreatedSession, token: string): Promise<SessionHistory> {
  const res = await s.app.fastify.inject({ url: `/api/sessions/${session.id}/history`, headers: auth(token) })
  expect(res.statusCode).toBe(200)
  return res.json()
}

/**
 * Waits until the server stored `count` client updates of `doc`, and returns their times (the
 * update that seeds each new board and control doc is left out).
 */
async function storedTimes(
  s: TestServer,
  session: CreatedSession,
  doc: string,
  count: number,
): Promise<number[]> {
  let times: number[] = []
  await vi.waitFor(async () => {
    times = (await s.app.context.storage.listUpdates(session.id))
      .filter((e) => e.doc === doc && (doc === 'private' || e.seq > 1))
      .map((e) => e.at)
    expect(times.length).toBeGreaterThanOrEqual(count)
  })
  return times
}

describe('replay: state at any instant', () => {
  it('an edit stored at t1 is in at=t1 and not in at=t1-1, across snapshots', async () => {
    const { s, session } = await setup()
    const writer = client(s.syncUrl, session.id, 'board', session.tokens.candidate)
    await writer.synced
    const shapes = writer.doc.getMap('shapes')
    for (let i = 0; i < 35; i++) {
      shapes.set(`s${i}`, i)
      // Give each edit its own millisecond so each instant is distinguishable.
      const stored = await storedTimes(s, session, 'board', i + 1)
      await vi.waitFor(() => expect(Date.now()).toBeGreaterThan(stored[i]!))
    }
    const times = await storedTimes(s, session, 'board', 35)
    for (const i of [0, 9, 10, 11, 20, 34]) {
      const at = times[i]!
      const before = await stateAt(s, session, 'board', at - 1)
      const exact = await stateAt(s, session, 'board', at)
      expect(before.getMap('shapes').has(`s${i}`), `s${i} before its time`).toBe(false)
      expect(exact.getMap('shapes').get(`s${i}`), `s${i} at its time`).toBe(i)
      expect(exact.getMap('shapes').size).toBe(i + 1)
    }
    const end = await stateAt(s, session, 'board', Date.now())
    expect(Y.encodeStateAsUpdate(end)).toEqual(Y.encodeStateAsUpdate(writer.doc))
    expect((await stateAt(s, session, 'board', times[0]! - 1)).getMap('shapes').size).toBe(0)
  })

  it('replays the timer and notes as they were shown live', async () => {
    const { s, session } = await setup()
    const control = client(s.syncUrl, session.id, 'control', session.tokens.interviewer)
    const board = client(s.syncUrl, session.id, 'board', session.tokens.candidate)
    await Promise.all([control.synced, board.synced])
    setTimer(control, { type: 'start' })
    board.doc.getText('notes').insert(0, 'Chat: send messages\n')
    const [startAt] = await storedTimes(s, session, 'control', 1)
    await vi.waitFor(() => expect(Date.now()).toBeGreaterThan(startAt! + 2))
    const state = setTimer(control, { type: 'next' })
    const controlTimes = await storedTimes(s, session, 'control', 2)
    const [notesAt] = await storedTimes(s, session, 'board', 1)

    const atStart = await stateAt(s, session, 'control', startAt!)
    expect(readTimerState(atStart)!.phaseIndex).toBe(0)
    const afterNext = await stateAt(s, session, 'control', controlTimes[1]!)
    expect(readTimerState(afterNext)!.phaseIndex).toBe(1)
    const notesThen = (await stateAt(s, session, 'board', notesAt!)).getText('notes').toString()
    expect(notesThen).toBe(board.doc.getText('notes').toString())
    expect(notesThen).toMatch(/^Chat: send messages\n# Functional requirements/)
    expect((await stateAt(s, session, 'board', notesAt! - 1)).getText('notes').toString()).toMatch(
      /^# Functional requirements/,
    )

    const h = await history(s, session, session.tokens.candidate)
    expect(h.phases[0]!.start).toBe(state.startedAt)
    expect(h.phases[1]!.start).not.toBeNull()
    expect(h.timerEvents.map((e) => e.type)).toEqual(['start', 'phase'])
    expect(h.updates.doc).toContain('control')
  })
})

describe('replay: segments of the log', () => {
  it('rebuild every instant the way state?at= does, and are cached for good once closed', async () => {
    const { s, session } = await setup()
    const writer = client(s.syncUrl, session.id, 'board', session.tokens.candidate)
    await writer.synced
    // 2 kB values: snapshots need bytes as well as a count of updates (LogSize), so tiny edits
    // after the seeded board would not close a segment every 10 updates.
    for (let i = 0; i < 25; i++) writer.doc.getMap('shapes').set(`s${i % 7}`, `${i}:${'x'.repeat(2000)}`)
    await storedTimes(s, session, 'board', 25)
    const h = await history(s, session, session.tokens.candidate)
    const board = h.updates.seq.filter((_, i) => h.updates.doc[i] === 'board')
    expect(board).toEqual(Array.from({ length: board.length }, (_, i) => i + 1))

    const segment = async (seq: number, query = '') => {
      const res = await s.app.fastify.inject({
        url: `/api/sessions/${session.id}/segment?doc=board&seq=${seq}${query}`,
        headers: auth(session.tokens.candidate),
      })
      expect(res.statusCode).toBe(200)
      return { res, seg: decodeSegment(new Uint8Array(res.rawPayload)) }
    }
    // Walk the log segment by segment, as the replay page's worker does.
    let doc = new Y.Doc()
    let seq = 0
    let segments = 0
    while (seq < board.length) {
      const { res, seg } = await segment(seq + 1, segments > 0 ? '&snapshot=0' : '')
      segments++
      expect(seg.header.snapshot.seq).toBe(seq === 0 ? 0 : seq)
      expect(res.headers['cache-control']).toBe(
        seg.header.closedBy === null ? 'private, no-cache' : 'private, max-age=31536000, immutable',
      )
      if (seg.snapshot) {
        doc = new Y.Doc()
        Y.applyUpdate(doc, seg.snapshot)
      }
      for (const u of seg.updates) {
        Y.applyUpdate(doc, u.data)
        const expected = await stateAt(s, session, 'board', u.at)
        // Several updates may share a millisecond: compare where this one is the last of it.
        if (h.updates.at.filter((at, i) => h.updates.doc[i] === 'board' && at === u.at).length === 1)
          expect(doc.getMap('shapes').toJSON()).toEqual(expected.getMap('shapes').toJSON())
      }
      seq = seg.updates.at(-1)?.seq ?? seq
      if (seg.header.closedBy === null) break
    }
    expect(segments).toBeGreaterThan(2) // snapshots every 10 updates
    expect(seq).toBe(board.length)
    expect(Y.encodeStateAsUpdate(doc)).toEqual(Y.encodeStateAsUpdate(writer.doc))
    // A segment opens with the snapshot unless asked not to.
    expect((await segment(15)).seg.snapshot).not.toBeNull()
    expect((await segment(15, '&snapshot=0')).seg.snapshot).toBeNull()
  })

  it('refuses what state?at= refuses, naming the field', async () => {
    const { s, session } = await setup()
    const get = (query: string, token: string) =>
      s.app.fastify.inject({ url: `/api/sessions/${session.id}/segment?${query}`, headers: auth(token) })
    expect((await get('doc=board&seq=1', session.tokens.observer)).statusCode).toBe(403)
    expect((await get('doc=private&seq=1', session.tokens.candidate)).statusCode).toBe(403)
    const bad = await get('doc=board&seq=-1', session.tokens.interviewer)
    expect(bad.statusCode).toBe(400)
    expect(bad.json().message).toMatch(/seq/)
    expect((await get('doc=board&seq=1&snapshot=maybe', session.tokens.interviewer)).json().message).toMatch(
      /snapshot/,
    )
    expect(
      (
        await s.app.fastify.inject({
          url: '/api/sessions/nope-nope/segment?doc=board&seq=1',
          headers: auth(session.tokens.interviewer),
        })
      ).statusCode,
    ).toBe(401)
  })
})

describe('replay: who may read what', () => {
  it('keeps observers and foreign tokens out, and private data from the candidate', async () => {
    const { s, session } = await setup()
    const other = await createSession(s.url)
    const priv = client(s.syncUrl, session.id, 'private', session.tokens.interviewer)
    await priv.synced
    priv.doc
      .getArray(PrivateKeys.bookmarks)
      .push([{ id: 'b1', at: Date.now(), phaseIndex: 0, label: 'missed SPOF' }])
    await storedTimes(s, session, 'private', 1)
    const get = (url: string, token: string) =>
      s.app.fastify.inject({ url: `/api/sessions/${session.id}${url}`, headers: auth(token) })

    expect((await get('/history', session.tokens.observer)).statusCode).toBe(403)
    expect((await get('/history', other.tokens.interviewer)).statusCode).toBe(401)
    expect((await get(`/state?doc=board&at=${Date.now()}`, session.tokens.observer)).statusCode).toBe(403)
    expect((await get(`/state?doc=private&at=${Date.now()}`, session.tokens.candidate)).statusCode).toBe(403)
    expect((await get(`/state?doc=nope&at=1`, session.tokens.interviewer)).statusCode).toBe(400)
    expect((await get(`/state?doc=board&at=soon`, session.tokens.interviewer)).statusCode).toBe(400)
    expect((await get('/report.md', session.tokens.observer)).statusCode).toBe(403)

    const asCandidate = await history(s, session, session.tokens.candidate)
    expect(asCandidate.bookmarks).toBeUndefined()
    expect(asCandidate.updates.doc).not.toContain('private')
    expect((await get('/report.md', session.tokens.candidate)).body).not.toContain('missed SPOF')
    const asInterviewer = await history(s, session, session.tokens.interviewer)
    expect(asInterviewer.bookmarks?.map((b) => b.label)).toEqual(['missed SPOF'])
    const full = await get('/report.md', session.tokens.interviewer)
    expect(full.body).toContain('missed SPOF')
    // Personal data: no cache keeps it (past a deletion either).
    expect(full.headers['cache-control']).toBe('no-store')
    expect((await get('/report.json', session.tokens.interviewer)).headers['cache-control']).toBe('no-store')

    // The session info carries the flag, so the interviewer's panel need not load the history for it.
    const reportShared = async (token: string) => (await get('', token)).json<SessionInfo>().reportShared
    expect(await reportShared(session.tokens.interviewer)).toBe(false)

    // Once the interviewer shares the report, the candidate sees bookmarks and rubric.
    const share = await s.app.fastify.inject({
      method: 'PUT',
      url: `/api/sessions/${session.id}/share`,
      headers: auth(session.tokens.candidate),
      payload: { shared: true },
    })
    expect(share.statusCode).toBe(403)
    const shared = await s.app.fastify.inject({
      method: 'PUT',
      url: `/api/sessions/${session.id}/share`,
      headers: auth(session.tokens.interviewer),
      payload: { shared: true },
    })
    expect(shared.statusCode).toBe(200)
    expect(await reportShared(session.tokens.interviewer)).toBe(true)
    expect(await reportShared(session.tokens.candidate)).toBe(true)
    expect((await history(s, session, session.tokens.candidate)).bookmarks?.map((b) => b.label)).toEqual([
      'missed SPOF',
    ])
    expect((await get('/report.md', session.tokens.candidate)).body).toContain('missed SPOF')
  })
})
