import { PrivateKeys, readTimerState, writeTimer } from '@mockboard/shared'
import { describe, expect, it, vi } from 'vitest'
import { WebSocket } from 'ws'

import { setTimer, useHarness } from '../helpers/harness.js'
import { createSession } from '../helpers/server.js'

const { server, client, servers, clients, onCleanup } = useHarness()

describe('roles enforced by the server', () => {
  it("drops a candidate's attempt to change the timer, and never stores it", async () => {
    const s = await server()
    const session = await createSession(s.url)
    const interviewer = client(s.syncUrl, session.id, 'control', session.tokens.interviewer)
    const candidate = client(s.syncUrl, session.id, 'control', session.tokens.candidate)
    const witness = client(s.syncUrl, session.id, 'control', session.tokens.observer)
    await Promise.all([interviewer.synced, candidate.synced, witness.synced])
    setTimer(candidate, { type: 'start' })
    setTimer(interviewer, { type: 'extend', minutes: 5 })
    // The interviewer's later change arrives; the candidate's never does.
    await vi.waitFor(() => expect(readTimerState(witness.doc)!.extraMinutes[0]).toBe(5))
    expect(readTimerState(witness.doc)!.status).toBe('idle')
    expect(readTimerState(interviewer.doc)!.status).toBe('idle')
    await s.app.context.registry.peek(session.id, 'control')!.flush()
    const stored = await s.app.context.storage.listUpdates(session.id)
    // The seed written at creation, then the interviewer's change: nothing of the candidate's.
    expect(stored.filter((e) => e.doc === 'control')).toHaveLength(2)
  })

  it('never sends private-doc content to a candidate or observer socket', async () => {
    const s = await server()
    const session = await createSession(s.url)
    const frames: Buffer[] = []
    for (const role of ['candidate', 'observer'] as const) {
      for (const doc of ['board', 'control']) {
        const ws = new WebSocket(`${s.syncUrl}/${session.id}/${doc}?token=${session.tokens[role]}`)
        ws.on('message', (data: Buffer) => frames.push(data))
        onCleanup(() => ws.close())
        await new Promise((resolve) => ws.on('open', resolve))
      }
    }
    const priv = client(s.syncUrl, session.id, 'private', session.tokens.interviewer)
    const board = client(s.syncUrl, session.id, 'board', session.tokens.interviewer)
    await Promise.all([priv.synced, board.synced])
    priv.doc
      .getArray(PrivateKeys.bookmarks)
      .push([{ id: 'x', at: Date.now(), phaseIndex: 0, label: 'SECRET-BOOKMARK-42' }])
    priv.doc.getMap(PrivateKeys.rubric).set('scale', { score: 2, comment: 'SECRET-RUBRIC-42' })
    board.doc.getMap('m').set('public', 'PUBLIC-MARK-42')
    // The public edit reaching all four sockets proves they were listening all along.
    await vi.waitFor(() => expect(frames.filter((f) => f.includes('PUBLIC-MARK-42')).length).toBe(2))
    await s.app.context.registry.peek(session.id, 'private')!.flush()
    expect(frames.some((f) => f.includes('SECRET-'))).toBe(false)
  })

  it('ending the session freezes board and timer for everyone, across restarts; the rubric stays open', async () => {
    const s = await server()
    const session = await createSession(s.url)
    const control = client(s.syncUrl, session.id, 'control', session.tokens.interviewer)
    const board = client(s.syncUrl, session.id, 'board', session.tokens.candidate)
    await Promise.all([control.synced, board.synced])
    board.doc.getMap('m').set('before', 1)
    // Board and control are separate sockets: let the edit land before the session ends.
    await vi.waitFor(async () =>
      expect(
        (await s.app.context.storage.listUpdates(session.id)).filter((e) => e.doc === 'board'),
      ).toHaveLength(2),
    )
    setTimer(control, { type: 'start' })
    setTimer(control, { type: 'end' })
    await vi.waitFor(async () =>
      expect((await s.app.context.storage.getSession(session.id))?.endedAt).not.toBeNull(),
    )
    const storedBefore = (await s.app.context.storage.listUpdates(session.id)).length
    board.doc.getMap('m').set('after', 1)
    const ended = readTimerState(control.doc)!
    writeTimer(
      control.doc,
      { ...ended, status: 'running' },
      { type: 'resume', at: Date.now(), phaseIndex: 0 },
    )
    const late = client(s.syncUrl, session.id, 'board', session.tokens.interviewer)
    await late.synced
    expect(late.doc.getMap('m').get('before')).toBe(1)
    await s.app.context.registry.peek(session.id, 'board')!.flush()
    expect(late.doc.getMap('m').get('after')).toBeUndefined()
    expect((await s.app.context.storage.listUpdates(session.id)).length).toBe(storedBefore)
    const info = await s.app.fastify.inject({
      url: `/api/sessions/${session.id}`,
      headers: { authorization: `Bearer ${session.tokens.candidate}` },
    })
    expect(info.json().endedAt).toBeTypeOf('number')

    for (const c of clients.splice(0)) c.destroy()
    await servers.pop()!.close({ keepData: true })
    const again = await server({ dataDir: s.dataDir })
    const writer = client(again.syncUrl, session.id, 'board', session.tokens.interviewer)
    await writer.synced
    writer.doc.getMap('m').set('after-restart', 1)
    await vi.waitFor(async () =>
      expect((await again.app.context.metrics.updatesDropped.get()).values[0]?.value).toBeGreaterThan(0),
    )
    const reader = client(again.syncUrl, session.id, 'board', session.tokens.candidate)
    await reader.synced
    await again.app.context.registry.peek(session.id, 'board')!.flush()
    expect(reader.doc.getMap('m').get('before')).toBe(1)
    expect(reader.doc.getMap('m').has('after-restart')).toBe(false)
    expect((await again.app.context.storage.listUpdates(session.id)).length).toBe(storedBefore)

    // The interviewer can still score the rubric after the end.
    const priv = client(again.syncUrl, session.id, 'private', session.tokens.interviewer)
    await priv.synced
    priv.doc.getMap(PrivateKeys.rubric).set('communication', { score: 4, comment: 'clear' })
    await vi.waitFor(async () =>
      expect(
        (await again.app.context.storage.listUpdates(session.id)).filter((e) => e.doc === 'private'),
      ).toHaveLength(1),
    )
  })
})
