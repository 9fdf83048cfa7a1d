import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import pino from 'pino'
import { describe, expect, it, vi } from 'vitest'

import { cameraRowBytes, countWrites } from '../../server/src/storage/countWrites.js'
import { DataBudget } from '../../server/src/storage/DataBudget.js'
import { createSqliteStorage } from '../../server/src/storage/sqlite.js'
import { CameraRecorder } from '../../server/src/sync/CameraRecorder.js'
import { useHarness } from '../helpers/harness.js'
import { createSession } from '../helpers/server.js'

const { server, client, onCleanup } = useHarness()

/** The presence fields of a board client the camera log reads. */
const presence = (name: string, x: number) => ({
  userName: name,
  currentPageId: 'page:page',
  camera: { x, y: 0, z: 1 },
  screenBounds: { x: 0, y: 0, w: 1200, h: 800 },
})

describe('the camera log of a session', () => {
  it('stops at MOCKBOARD_MAX_CAMERA_ROWS, counting rows stored before, and counts toward the data budget', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mockboard-cameras-'))
    const store = createSqliteStorage(join(dir, 'db.sqlite'))
    onCleanup(async () => {
      await store.close()
      rmSync(dir, { recursive: true, force: true })
    })
    const budget = new DataBudget(0, 0, () => Promise.resolve(0))
    const storage = countWrites(store, budget)
    const logger = pino({ level: 'silent' })
    const first = new CameraRecorder({ sessionId: 's1', storage, logger, maxRows: 3 })
    // One sample a second at most: five distinct views five seconds apart are five samples.
    for (let i = 0; i < 5; i++)
      first.observe({ role: 'candidate', presence: presence('Ada', i) }, 1_000 + 5_000 * i)
    await first.close()
    const stored = await storage.listCameras('s1')
    expect(stored.map((c) => c.x)).toEqual([0, 1, 2])
    expect(budget.usedBytes).toBe(stored.reduce((sum, c) => sum + cameraRowBytes(c), 0))
    // The next room of the session (a reload) starts from what is stored.
    const again = new CameraRecorder({ sessionId: 's1', storage, logger, maxRows: 3 })
    again.observe({ role: 'interviewer', presence: presence('Ian', 9) }, 100_000)
    await again.close()
    expect(await storage.countCameras('s1')).toBe(3)
  })

  it('is capped by the server config', async () => {
    const s = await server({ config: { limits: { maxCameraRows: 1 } } })
    const session = await createSession(s.url)
    const candidate = client(s.syncUrl, session.id, 'board', session.tokens.candidate)
    const interviewer = client(s.syncUrl, session.id, 'board', session.tokens.interviewer)
    await Promise.all([candidate.synced, interviewer.synced])
    candidate.provider.awareness.setLocalStateField('presence', presence('Ada', 1))
    await vi.waitFor(async () => expect(await s.app.context.storage.countCameras(session.id)).toBe(1))
    interviewer.provider.awareness.setLocalStateField('presence', presence('Ian', 2))
    const room = s.app.context.registry.peek(session.id, 'board')!
    const seen = () =>
      room.presence.awareness.getStates().get(interviewer.doc.clientID) as
        { presence?: { userName?: string } } | undefined
    await vi.waitFor(() => expect(seen()?.presence?.userName).toBe('Ian'))
    // The room closes once both leave, waiting for its camera writes.
    candidate.destroy()
    interviewer.destroy()
    await vi.waitFor(() => expect(s.app.context.registry.peek(session.id, 'board')).toBeUndefined())
    expect((await s.app.context.storage.listCameras(session.id)).map((c) => c.role)).toEqual(['candidate'])
  })
})
