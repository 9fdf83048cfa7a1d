import type { CameraSample, SessionHistory } from '@mockboard/shared'
import { describe, expect, it, vi } from 'vitest'

import { useHarness } from '../helpers/harness.js'
import { createSession } from '../helpers/server.js'

const { server, client } = useHarness()

/** tldraw's `instance_presence` as a board client publishes it (only the fields the log reads matter). */
const presence = (name: string, x: number, y: number, z = 1) => ({
  typeName: 'instance_presence',
  userId: `user:${name}`,
  userName: name,
  currentPageId: 'page:page',
  camera: { x, y, z },
  screenBounds: { x: 0, y: 0, w: 1200, h: 800 },
})

describe("participants' cameras are logged from presence for the replay", () => {
  it('records each participant at most once a second, their last view always, observers never', async () => {
    const s = await server()
    const session = await createSession(s.url, { title: 'Design a chat system' })
    const candidate = client(s.syncUrl, session.id, 'board', session.tokens.candidate)
    const interviewer = client(s.syncUrl, session.id, 'board', session.tokens.interviewer)
    const observer = client(s.syncUrl, session.id, 'board', session.tokens.observer)
    await Promise.all([candidate.synced, interviewer.synced, observer.synced])
    const storage = s.app.context.storage
    const logged = () => storage.listCameras(session.id)

    candidate.provider.awareness.setLocalStateField('presence', presence('Ada', 0, 0))
    await vi.waitFor(async () => expect(await logged()).toHaveLength(1))
    // A pan of many frames within the second: only its end is kept, after the second is over.
    const started = Date.now()
    for (let i = 1; i <= 20; i++)
      candidate.provider.awareness.setLocalStateField('presence', presence('Ada', -10 * i, -5 * i))
    observer.provider.awareness.setLocalStateField('presence', presence('Olga', 999, 999))
    interviewer.provider.awareness.setLocalStateField('presence', presence('Ian', 50, 60, 0.5))
    // The same view again is not a change.
    interviewer.provider.awareness.setLocalStateField('presence', {
      ...presence('Ian', 50, 60, 0.5),
      cursor: 1,
    })
    // Garbage in a presence is dropped, never stored.
    candidate.provider.awareness.setLocalStateField('presence', {
      ...presence('Ada', -200, -100),
      camera: 'x',
    })
    await vi.waitFor(async () => expect(await logged()).toHaveLength(3), { timeout: 5000 })
    const rows = await logged()
    const byRole = (role: string) => rows.filter((r) => r.role === role)
    expect(byRole('candidate').map((r) => [r.x, r.y])).toEqual([
      [0, 0],
      [-200, -100],
    ])
    // Had every frame been kept, the twenty steps of the pan would all be here.
    expect(byRole('candidate')[1]!.at).toBeGreaterThanOrEqual(started)
    expect(byRole('interviewer')).toEqual([
      expect.objectContaining({ name: 'Ian', page: 'page:page', x: 50, y: 60, z: 0.5, w: 1200, h: 800 }),
    ])
    expect(rows.some((r) => r.name === 'Olga')).toBe(false)

    // The replay's history carries them, in time order.
    const res = await s.app.fastify.inject({
      url: `/api/sessions/${session.id}/history`,
      headers: { authorization: `Bearer ${session.tokens.candidate}` },
    })
    const cameras = res.json<SessionHistory>().cameras as CameraSample[]
    expect(cameras).toEqual(rows)
    expect(cameras.map((c) => c.at)).toEqual([...cameras.map((c) => c.at)].sort((a, b) => a - b))
  })
})
