import { MessageType } from '@mockboard/shared'
import { describe, expect, it, vi } from 'vitest'

import { useHarness } from '../helpers/harness.js'
import { awarenessFrame, awarenessStates, openRaw, syncStep1 } from '../helpers/rawSync.js'
import { createSession } from '../helpers/server.js'

const { server, onCleanup } = useHarness()

const awarenessBytes = (frames: Buffer[]) =>
  frames.filter((f) => f[0] === MessageType.awareness).reduce((sum, f) => sum + f.byteLength, 0)

describe('presence sent to joiners', () => {
  it('is rationed per room: a client reconnecting in a loop cannot make the room send every state each time', async () => {
    const bytesPerSecond = 128 * 1024
    const s = await server({ config: { limits: { bytesPerSecond, messagesPerSecond: 10_000 } } })
    const session = await createSession(s.url)
    const path = [s.syncUrl, session.id, 'board'] as const
    // Four holders with four states of ~15 kB each: a ~240 kB snapshot for every joiner.
    const padding = 'x'.repeat(15_000)
    const holders = await Promise.all([0, 1, 2, 3].map(() => openRaw(...path, session.tokens.candidate)))
    for (const holder of holders) onCleanup(() => holder.ws.terminate())
    // All four joined (each got the server's sync step 1) before any state is set: no snapshot sent yet.
    await vi.waitFor(() => expect(holders.every((holder) => holder.frames.length > 0)).toBe(true))
    holders.forEach((holder, h) => {
      holder.send(syncStep1())
      for (let i = 0; i < 4; i++)
        holder.send(awarenessFrame(1000 * (h + 1) + i, 1, { user: { name: padding } }))
    })
    const room = s.app.context.registry.peek(session.id, 'board')!
    await vi.waitFor(() => expect(room.presence.awareness.getStates().size).toBe(16))

    // The first joiner gets the whole snapshot.
    const first = await openRaw(...path, session.tokens.observer)
    onCleanup(() => first.ws.terminate())
    await vi.waitFor(() =>
      expect([...awarenessStates(first.frames).keys()].filter((id) => id >= 1000 && id < 5000)).toHaveLength(
        16,
      ),
    )
    const snapshot = awarenessBytes(first.frames)
    expect(snapshot).toBeGreaterThan(240_000)

    const t0 = performance.now()
    let received = 0
    for (let i = 0; i < 20; i++) {
      const joiner = await openRaw(...path, session.tokens.observer)
      joiner.send(syncStep1())
      // Frames arrive in order: the snapshot, when sent, came before the answer to sync step 1.
      await vi.waitFor(() =>
        expect(joiner.frames.some((f) => f[0] === MessageType.sync && f[1] === 1)).toBe(true),
      )
      received += awarenessBytes(joiner.frames)
      joiner.ws.terminate()
    }
    const seconds = (performance.now() - t0) / 1000
    // The old server sent all 20 snapshots (~4.9 MB); the room's ration is 2 s worth up front, then 128 kB/s.
    const ration = 2 * bytesPerSecond + bytesPerSecond * seconds
    console.log(
      `20 rejoins in ${seconds.toFixed(2)} s: ${received} bytes of presence (ration ${Math.round(ration)})`,
    )
    expect(received).toBeLessThanOrEqual(ration)
    expect(received).toBeLessThan(10 * snapshot)
  })
})
