import { CloseCode, MessageType } from '@mockboard/shared'
import { describe, expect, it, vi } from 'vitest'

import { useHarness } from '../helpers/harness.js'
import { awarenessFrame, openRaw, queryAwareness, syncStep1 } from '../helpers/rawSync.js'
import { createSession, loadedRoom } from '../helpers/server.js'

const { server, client, onCleanup } = useHarness()

/** Milliseconds /healthz takes to answer right now. */
async function healthLatency(url: string): Promise<number> {
  const start = performance.now()
  const res = await fetch(`${url}/healthz`)
  expect(res.status).toBe(200)
  return performance.now() - start
}

/** Sends a step 1 probe and resolves 'answered' when a sync frame comes back, else the close code. */
async function probe(raw: Awaited<ReturnType<typeof openRaw>>): Promise<'answered' | number> {
  const before = raw.frames.length
  const answered = new Promise<'answered'>((resolve) =>
    raw.ws.on('message', () => {
      if (raw.frames.slice(before).some((f) => f[0] === MessageType.sync)) resolve('answered')
    }),
  )
  raw.send(syncStep1())
  return Promise.race([answered, raw.closed])
}

describe('a client cannot make the server send more than it asked for once', () => {
  it('answers one sync step 1 per connection; later ones close it with 4400 and /healthz stays fast', async () => {
    const s = await server({ config: { limits: { bytesPerSecond: 1e9, messagesPerSecond: 100_000 } } })
    const session = await createSession(s.url)
    const writer = client(s.syncUrl, session.id, 'board', session.tokens.interviewer)
    await writer.synced
    // A 2 MB board (in frames under the 1 MiB limit).
    const text = writer.doc.getText('scratch')
    for (let i = 0; i < 4; i++) text.insert(text.length, 'x'.repeat(500_000))
    const room = s.app.context.registry.peek(session.id, 'board')!
    await vi.waitFor(() => expect(room.doc.getText('scratch').length).toBe(2_000_000))
    await room.flush()

    const attacker = await openRaw(s.syncUrl, session.id, 'board', session.tokens.observer)
    onCleanup(() => attacker.ws.terminate())
    for (let i = 0; i < 20; i++) attacker.send(syncStep1())
    expect(await healthLatency(s.url)).toBeLessThan(500)
    expect(await attacker.closed).toBe(CloseCode.malformed)
    // One copy of the board at most, not twenty.
    expect(attacker.received()).toBeLessThan(2_500_000)
  })

  it('answers query-awareness at most about once a second per connection', async () => {
    const s = await server()
    const session = await createSession(s.url)
    const present = client(s.syncUrl, session.id, 'board', session.tokens.candidate)
    present.provider.awareness.setLocalState({ user: { name: 'Cand', color: '#ff0000' } })
    await present.synced
    const attacker = await openRaw(s.syncUrl, session.id, 'board', session.tokens.observer)
    onCleanup(() => attacker.ws.terminate())
    attacker.send(syncStep1())
    await vi.waitFor(() => expect(attacker.frames.some((f) => f[0] === MessageType.awareness)).toBe(true))
    const before = attacker.frames.filter((f) => f[0] === MessageType.awareness).length
    for (let i = 0; i < 50; i++) attacker.send(queryAwareness())
    // Frames are handled in order: once this one's effect is seen, all fifty queries were handled.
    present.provider.awareness.setLocalStateField('user', { name: 'Cand 2', color: '#ff0000' })
    await vi.waitFor(() => {
      const last = attacker.frames.filter((f) => f[0] === MessageType.awareness).at(-1)!
      expect(Buffer.from(last).toString('latin1')).toContain('Cand 2')
    })
    const replies = attacker.frames.filter((f) => f[0] === MessageType.awareness).length - before - 1
    expect(replies).toBeLessThanOrEqual(2)
  })

  it('charges awareness replies to the asking connection: its byte budget runs out and it is closed 4429', async () => {
    // A small byte budget (2 kB/s, bursts of 16 kB) and twenty present clients: one reply is ~70 kB.
    const s = await server({ config: { limits: { bytesPerSecond: 2048, maxMessageBytes: 16_384 } } })
    const session = await createSession(s.url)
    // Raw sockets: a stock provider echoes every state it hears back to the server, which at this
    // budget would get the bystanders themselves closed.
    const roles = ['interviewer', 'candidate', 'observer'] as const
    for (let i = 0; i < 20; i++) {
      const present = await openRaw(s.syncUrl, session.id, 'board', session.tokens[roles[i % 3]!])
      onCleanup(() => present.ws.terminate())
      present.send(
        awarenessFrame(1000 + i, 1, { user: { name: `p${i}`, color: '#00ff00' }, note: 'n'.repeat(3500) }),
      )
    }
    const room = await loadedRoom(s, session.id, 'board')
    await vi.waitFor(() => expect(room.presence.awareness.getStates().size).toBe(20))
    const attacker = await openRaw(s.syncUrl, session.id, 'board', session.tokens.observer)
    onCleanup(() => attacker.ws.terminate())
    // The join's snapshot comes from the room's ration (4 kB at this budget, less than one snapshot):
    // the attacker joined with none, and only its query gets the ~70 kB of states.
    await vi.waitFor(() => expect(attacker.frames.length).toBeGreaterThan(0))
    const before = attacker.received()
    attacker.send(queryAwareness())
    await vi.waitFor(() => expect(attacker.received() - before).toBeGreaterThan(70_000))
    // Seventy kB sent on its behalf: the next frame finds its budget spent for seconds.
    expect(await probe(attacker)).toBe(CloseCode.rateLimited)
    expect(room.presence.awareness.getStates().size).toBe(20)
  })
})
