import {
  ControlKeys,
  HEARTBEAT_MS,
  type NextRoundResponse,
  readBoardEstimates,
  readReviewBadges,
  readSessionMode,
  type SessionInfo,
  SILENCE_TIMEOUT_MS,
  type WorkspaceCreated,
  type WorkspaceSessions,
  writeBoardEstimates,
} from '@mockboard/shared'
import { describe, expect, it, vi } from 'vitest'
import { WebSocket } from 'ws'

import { HEARTBEAT_CHECK_MS } from '../../server/src/sync/heartbeat.js'
import { useHarness } from '../helpers/harness.js'
import { createSession } from '../helpers/server.js'

const { server, client, onCleanup } = useHarness()

async function nextRound(
  base: string,
  id: string,
  token: string,
): Promise<{ status: number; body: NextRoundResponse & { message?: string } }> {
  const res = await fetch(`${base}/api/sessions/${id}/next-round`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
  })
  return { status: res.status, body: (await res.json()) as NextRoundResponse & { message?: string } }
}

const tokenOf = (link: string) => new URLSearchParams(link.split('#')[1]).get('token')!

async function info(base: string, id: string, token: string): Promise<SessionInfo> {
  const res = await fetch(`${base}/api/sessions/${id}`, { headers: { authorization: `Bearer ${token}` } })
  expect(res.status).toBe(200)
  return (await res.json()) as SessionInfo
}

describe('next round (swap roles)', () => {
  it('creates one shared round whoever asks first, even at once, with roles swapped', async () => {
    const s = await server()
    const session = await createSession(s.url, {
      title: 'Chat',
      problem: 'Design chat',
      problemId: 'chat',
      phases: [{ name: 'All', minutes: 45 }],
    })
    // Both partners click at the same moment.
    const [a, b] = await Promise.all([
      nextRound(s.url, session.id, session.tokens.interviewer),
      nextRound(s.url, session.id, session.tokens.candidate),
    ])
    expect(a.status).toBe(200)
    expect(b.status).toBe(200)
    expect(a.body.id).toBe(b.body.id)
    expect(a.body.id).not.toBe(session.id)
    expect(a.body.role).toBe('candidate')
    expect(b.body.role).toBe('interviewer')
    expect(a.body.link).toMatch(new RegExp(`^/s/${a.body.id}#token=`))

    // The links really grant those roles in the NEW session, and the round copies problem and plan.
    const asFormerCandidate = await info(s.url, b.body.id, tokenOf(b.body.link))
    expect(asFormerCandidate.role).toBe('interviewer')
    expect(asFormerCandidate.title).toBe('Chat · round 2')
    expect(asFormerCandidate.problemId).toBe('chat')
    expect(asFormerCandidate.phases).toEqual([{ name: 'All', minutes: 45 }])
    expect((await info(s.url, a.body.id, tokenOf(a.body.link))).role).toBe('candidate')

    // Asking again returns the same round (no third session), observers follow as observers.
    const again = await nextRound(s.url, session.id, session.tokens.candidate)
    expect(again.body.id).toBe(a.body.id)
    const observer = await nextRound(s.url, session.id, session.tokens.observer)
    expect(observer.status).toBe(200)
    expect(observer.body).toMatchObject({ id: a.body.id, role: 'observer' })
  })

  it("never gives a candidate a better role in the SAME session; refuses strangers and observers' starts", async () => {
    const s = await server()
    const session = await createSession(s.url)
    const other = await createSession(s.url)
    // An observer may follow, not start.
    const early = await nextRound(s.url, session.id, session.tokens.observer)
    expect(early.status).toBe(409)
    expect(early.body.message).toMatch(/not been started/)
    // Another session's token, or none: 401.
    expect((await nextRound(s.url, session.id, other.tokens.interviewer)).status).toBe(401)
    expect((await fetch(`${s.url}/api/sessions/${session.id}/next-round`, { method: 'POST' })).status).toBe(
      401,
    )
    expect((await nextRound(s.url, 'nope', session.tokens.interviewer)).status).toBe(401)

    const r = await nextRound(s.url, session.id, session.tokens.candidate)
    const token = tokenOf(r.body.link)
    // The interviewer token it hands out is refused for the original session.
    const same = await fetch(`${s.url}/api/sessions/${session.id}`, {
      headers: { authorization: `Bearer ${token}` },
    })
    expect(same.status).toBe(401)
    const ws = new WebSocket(`${s.syncUrl}/${session.id}/private?token=${token}`)
    onCleanup(() => ws.close())
    const code = await new Promise<number>((resolve) => ws.on('close', (c) => resolve(c)))
    expect(code).toBe(4401)
  })

  it('announces the next round in the control doc, live to connected pages and stored for later ones', async () => {
    const s = await server()
    const session = await createSession(s.url)
    const live = client(s.syncUrl, session.id, 'control', session.tokens.candidate)
    await live.synced
    const r = await nextRound(s.url, session.id, session.tokens.interviewer)
    expect(r.status).toBe(200)
    await vi.waitFor(() => expect(live.doc.getMap(ControlKeys.nextRound).get('id')).toBe(r.body.id))
    live.destroy()

    // With no room loaded the announcement goes straight to storage.
    const quiet = await createSession(s.url)
    const q = await nextRound(s.url, quiet.id, quiet.tokens.candidate)
    expect(q.status).toBe(200)
    expect(s.app.context.registry.peek(quiet.id, 'control')).toBeUndefined()
    const later = client(s.syncUrl, quiet.id, 'control', quiet.tokens.observer)
    await later.synced
    expect(later.doc.getMap(ControlKeys.nextRound).get('id')).toBe(q.body.id)
  })
})

describe('next round carries the round over', () => {
  it("keeps the mode and the estimates card as the pair left it, and leaves the coach's workspace", async () => {
    const s = await server()
    const wsRes = await fetch(`${s.url}/api/workspaces`, { method: 'POST' })
    const ws = (await wsRes.json()) as WorkspaceCreated
    const session = await createSession(s.url, {
      problemId: 'url-shortener',
      mode: 'practice',
      workspace: { id: ws.id, key: ws.key },
      candidate: 'Ada',
    })
    // The pair edits the card live: the next round must see the values as they stand now.
    const board = client(s.syncUrl, session.id, 'board', session.tokens.candidate)
    await board.synced
    writeBoardEstimates(board.doc, { dailyActiveUsers: 42_000_000, objectSizeKb: 3 })
    const room = () => s.app.context.registry.peek(session.id, 'board')!
    await vi.waitFor(() => expect(readBoardEstimates(room().doc).dailyActiveUsers).toBe(42_000_000))
    const left = readBoardEstimates(board.doc)

    // The candidate starts it: they interview there, so it must not land in the coach's workspace.
    const r = await nextRound(s.url, session.id, session.tokens.candidate)
    expect(r.status).toBe(200)
    expect(r.body.role).toBe('interviewer')
    const token = tokenOf(r.body.link)
    const nextBoard = client(s.syncUrl, r.body.id, 'board', token)
    const nextControl = client(s.syncUrl, r.body.id, 'control', token)
    await Promise.all([nextBoard.synced, nextControl.synced])
    expect(readBoardEstimates(nextBoard.doc)).toEqual(left)
    expect(readSessionMode(nextControl.doc)).toBe('practice')
    expect(readReviewBadges(nextControl.doc)).toBe(true)

    const listed = await fetch(`${s.url}/api/workspaces/${ws.id}/sessions`, {
      headers: { authorization: `Bearer ${ws.key}` },
    })
    const { sessions } = (await listed.json()) as WorkspaceSessions
    expect(sessions.map((x) => x.id)).toEqual([session.id])
    const next = await s.app.context.storage.getSession(r.body.id)
    expect(next).toMatchObject({ workspaceId: null, candidate: '' })
    // Its interviewer sees none of the workspace's candidates, and naming one touches no workspace.
    const asked = await fetch(`${s.url}/api/sessions/${r.body.id}/candidate`, {
      headers: { authorization: `Bearer ${token}` },
    })
    expect(asked.status).toBe(200)
    expect(((await asked.json()) as { known: string[] }).known).toEqual([])

    // An interview outside a workspace stays one: review badges off, no workspace.
    const plain = await createSession(s.url)
    const r2 = await nextRound(s.url, plain.id, plain.tokens.candidate)
    const control2 = client(s.syncUrl, r2.body.id, 'control', tokenOf(r2.body.link))
    await control2.synced
    expect(readSessionMode(control2.doc)).toBe('interview')
    expect(readReviewBadges(control2.doc)).toBe(false)
    expect((await s.app.context.storage.getSession(r2.body.id))?.workspaceId).toBeNull()
  })
})

describe('application heartbeat', () => {
  it('sends an idle socket a frame every HEARTBEAT_MS (not more often), one a stock client accepts', async () => {
    const s = await server()
    const session = await createSession(s.url)
    const c = client(s.syncUrl, session.id, 'board', session.tokens.observer)
    await c.synced
    const ws = new WebSocket(`${s.syncUrl}/${session.id}/control?token=${session.tokens.observer}`)
    onCleanup(() => ws.close())
    const arrivals: number[] = []
    const frames: Buffer[] = []
    ws.on('message', (data: Buffer) => {
      arrivals.push(Date.now())
      frames.push(data)
    })
    await new Promise((resolve) => ws.on('open', resolve))
    // The first two frames are the sync; then three heartbeats.
    await vi.waitFor(() => expect(arrivals.length).toBeGreaterThanOrEqual(5), { timeout: HEARTBEAT_MS * 8 })
    const gaps = arrivals.slice(2).map((t, i) => t - arrivals[i + 1]!)
    for (const gap of gaps) {
      // Often enough for the client's silence timeout, with a slow timer's slack…
      expect(gap).toBeLessThanOrEqual(HEARTBEAT_MS + HEARTBEAT_CHECK_MS + 250)
      expect(gap).toBeLessThan(SILENCE_TIMEOUT_MS / 2)
      // …and no more often than that: each one is a send of its own, to every quiet socket (the
      // server sends none within HEARTBEAT_MS of the last; arrivals here may bunch a little).
      expect(gap).toBeGreaterThanOrEqual(HEARTBEAT_MS - 400)
    }
    // [awareness, length 1, no clients]
    expect([...frames.at(-1)!]).toEqual([1, 1, 0])
    // The y-websocket provider on the same server stays happy (no error, still synced).
    expect(c.provider.synced).toBe(true)
  })
})
