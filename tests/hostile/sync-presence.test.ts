import { describe, expect, it, vi } from 'vitest'

import { useHarness } from '../helpers/harness.js'
import { awarenessFrame, awarenessStates, openRaw, syncStep1 } from '../helpers/rawSync.js'
import { createSession, loadedRoom } from '../helpers/server.js'

const { server, client, onCleanup } = useHarness()

type State = { user?: { name?: string }; role?: string } | null

describe('presence comes from the connection that owns it', () => {
  it("drops an observer's attempt to set the interviewer's state; the candidate never sees it", async () => {
    const s = await server()
    const session = await createSession(s.url)
    const interviewer = client(s.syncUrl, session.id, 'board', session.tokens.interviewer)
    interviewer.provider.awareness.setLocalState({
      user: { name: 'Coach', color: '#0000ff' },
      role: 'interviewer',
    })
    const candidate = client(s.syncUrl, session.id, 'board', session.tokens.candidate)
    await Promise.all([interviewer.synced, candidate.synced])
    const coachId = interviewer.doc.clientID
    const seen = () => candidate.provider.awareness.getStates().get(coachId) as State | undefined
    await vi.waitFor(() => expect(seen()?.user?.name).toBe('Coach'))

    const observer = await openRaw(s.syncUrl, session.id, 'board', session.tokens.observer)
    onCleanup(() => observer.ws.terminate())
    observer.send(syncStep1())
    observer.send(
      awarenessFrame(coachId, 1_000, {
        user: { name: 'EVIL observer', color: '#000000' },
        role: 'interviewer',
      }),
    )
    observer.send(awarenessFrame(coachId, 1_001, null))
    // Its own id, sent after: once the candidate sees it, the forged frames were handled.
    observer.send(awarenessFrame(4242, 1, { user: { name: 'Watcher', color: '#00ff00' } }))
    await vi.waitFor(() =>
      expect((candidate.provider.awareness.getStates().get(4242) as State)?.user?.name).toBe('Watcher'),
    )
    expect(seen()?.user?.name).toBe('Coach')
  })

  it("shows an observer claiming role 'interviewer' as observer", async () => {
    const s = await server()
    const session = await createSession(s.url)
    const candidate = client(s.syncUrl, session.id, 'board', session.tokens.candidate)
    await candidate.synced
    const liar = client(s.syncUrl, session.id, 'board', session.tokens.observer)
    liar.provider.awareness.setLocalState({
      user: { name: 'Totally the coach', color: '#ff00ff' },
      role: 'interviewer',
    })
    await liar.synced
    await vi.waitFor(() => {
      const state = candidate.provider.awareness.getStates().get(liar.doc.clientID) as State
      expect(state?.user?.name).toBe('Totally the coach')
      expect(state?.role).toBe('observer')
    })
  })

  it('lets one connection introduce a few ids only, each state bounded in size', async () => {
    const s = await server()
    const session = await createSession(s.url)
    const watcher = await openRaw(s.syncUrl, session.id, 'board', session.tokens.interviewer)
    onCleanup(() => watcher.ws.terminate())
    watcher.send(syncStep1())
    const spammer = await openRaw(s.syncUrl, session.id, 'board', session.tokens.candidate)
    onCleanup(() => spammer.ws.terminate())
    spammer.send(syncStep1())
    for (let id = 1; id <= 20; id++) spammer.send(awarenessFrame(id, 1, { user: { name: `ghost ${id}` } }))
    spammer.send(awarenessFrame(99, 1, { user: { name: 'huge' }, blob: 'x'.repeat(100_000) }))
    // A last id of the watcher's own, to know everything before it was handled.
    watcher.send(awarenessFrame(7777, 1, { user: { name: 'me' } }))
    const room = await loadedRoom(s, session.id, 'board')
    await vi.waitFor(() => expect(room.presence.awareness.getStates().has(7777)).toBe(true))
    await vi.waitFor(() => expect(awarenessStates(watcher.frames).has(4)).toBe(true))
    const ghosts = [...awarenessStates(watcher.frames).values()].filter((st) =>
      String(st?.user && (st.user as { name?: string }).name).startsWith('ghost'),
    )
    expect(ghosts).toHaveLength(4)
    expect(room.presence.awareness.getStates().has(99)).toBe(false)
    expect(room.presence.awareness.getStates().has(5)).toBe(false)
  })

  it("removes only the leaving connection's own ids", async () => {
    const s = await server()
    const session = await createSession(s.url)
    const interviewer = client(s.syncUrl, session.id, 'board', session.tokens.interviewer)
    interviewer.provider.awareness.setLocalState({ user: { name: 'Coach' } })
    await interviewer.synced
    const coachId = interviewer.doc.clientID
    const room = s.app.context.registry.peek(session.id, 'board')!
    await vi.waitFor(() => expect(room.presence.awareness.getStates().has(coachId)).toBe(true))
    // A stock observer client echoes the coach's state back to the server, then leaves.
    const observer = client(s.syncUrl, session.id, 'board', session.tokens.observer)
    observer.provider.awareness.setLocalState({ user: { name: 'Watcher' } })
    await observer.synced
    await vi.waitFor(() => expect(room.presence.awareness.getStates().has(observer.doc.clientID)).toBe(true))
    const observerId = observer.doc.clientID
    observer.destroy()
    await vi.waitFor(() => expect(room.presence.awareness.getStates().has(observerId)).toBe(false))
    expect(room.presence.awareness.getStates().has(coachId)).toBe(true)
  })
})
