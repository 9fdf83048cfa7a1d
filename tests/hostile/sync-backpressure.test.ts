import type { Socket } from 'node:net'

import { CloseCode } from '@mockboard/shared'
import { describe, expect, it, vi } from 'vitest'

import { useHarness } from '../helpers/harness.js'
import { counterValue } from '../helpers/metrics.js'
import { openRaw, syncStep1 } from '../helpers/rawSync.js'
import { createSession } from '../helpers/server.js'

const { server, client, onCleanup } = useHarness()

describe('a reader that does not keep up', () => {
  it('is closed 4408 once its send buffer passes the limit, and counted by reason', async () => {
    const maxBufferedBytes = 256 * 1024
    const s = await server({
      config: { limits: { bytesPerSecond: 1e9, messagesPerSecond: 100_000, maxBufferedBytes } },
    })
    const session = await createSession(s.url)
    const writer = client(s.syncUrl, session.id, 'board', session.tokens.interviewer)
    await writer.synced
    const slow = await openRaw(s.syncUrl, session.id, 'board', session.tokens.observer)
    onCleanup(() => slow.ws.terminate())
    slow.send(syncStep1())
    await vi.waitFor(() => expect(slow.frames.length).toBeGreaterThan(0))
    // Stop reading: the kernel's buffers fill (a few MB on loopback), then the server's own.
    ;(slow.ws as unknown as { _socket: Socket })._socket.pause()
    const slowClosed = () => counterValue(s.app.context.metrics.closes, 'reason', 'slowConsumer')
    const room = s.app.context.registry.peek(session.id, 'board')!
    const text = writer.doc.getText('scratch')
    let written = 0
    // A busy board: keep writing until the server gives up on the reader (bounded at 64 MB).
    while ((await slowClosed()) === 0 && written < 64_000_000) {
      text.insert(text.length, 'y'.repeat(250_000))
      written += 250_000
      await vi.waitFor(() => expect(room.doc.getText('scratch').length).toBe(written))
    }
    expect(await slowClosed()).toBe(1)
    // Memory stays bounded: what the server holds for the reader is the limit plus a frame or two.
    const peer = [...room.peers].find((p) => p.role === 'observer')
    if (peer) {
      expect(peer.closed).toBe(true)
      expect(peer.socket.bufferedAmount).toBeLessThanOrEqual(maxBufferedBytes + 2 * 250_100)
    }
    ;(slow.ws as unknown as { _socket: Socket })._socket.resume()
    expect(await slow.closed).toBe(CloseCode.slowConsumer)
    // The writer is untouched.
    expect(writer.provider.wsconnected).toBe(true)
    const metrics = await (await fetch(`${s.url}/metrics`)).text()
    expect(metrics).toMatch(/mockboard_socket_closes_total\{reason="slowConsumer"\} 1/)
  }, 60_000)

  it('many slow readers together: past the server-wide budget the ones holding most are closed 4408', async () => {
    // Each reader alone stays far under its own limit; together they pass the server's.
    const maxBufferedTotal = 3 * 1024 * 1024
    const s = await server({
      config: {
        limits: {
          bytesPerSecond: 1e9,
          messagesPerSecond: 100_000,
          maxBufferedBytes: 512 * 1024 * 1024,
          maxBufferedTotal,
        },
      },
    })
    const session = await createSession(s.url)
    const writer = client(s.syncUrl, session.id, 'board', session.tokens.interviewer)
    await writer.synced
    const readers = await Promise.all(
      [0, 1, 2].map(() => openRaw(s.syncUrl, session.id, 'board', session.tokens.observer)),
    )
    for (const r of readers) {
      onCleanup(() => r.ws.terminate())
      r.send(syncStep1())
    }
    await vi.waitFor(() => expect(readers.every((r) => r.frames.length > 0)).toBe(true))
    for (const r of readers) (r.ws as unknown as { _socket: Socket })._socket.pause()
    const slowClosed = () => counterValue(s.app.context.metrics.closes, 'reason', 'slowConsumer')
    const room = s.app.context.registry.peek(session.id, 'board')!
    const text = writer.doc.getText('scratch')
    let written = 0
    while ((await slowClosed()) === 0 && written < 48_000_000) {
      text.insert(text.length, 'z'.repeat(250_000))
      written += 250_000
      await vi.waitFor(() => expect(room.doc.getText('scratch').length).toBe(written))
    }
    expect(await slowClosed()).toBeGreaterThan(0)
    // No reader passed its own limit, and what the server still holds fits the budget by its next
    // check (every OUTBOUND_CHECK_MS: an update relayed just after a check may sit above it until then).
    const held = () =>
      [...room.peers]
        .filter((p) => p.role === 'observer' && !p.closed)
        .reduce((sum, p) => sum + p.socket.bufferedAmount, 0)
    await vi.waitFor(() => expect(held()).toBeLessThanOrEqual(maxBufferedTotal), { timeout: 5_000 })
    for (const r of readers) (r.ws as unknown as { _socket: Socket })._socket.resume()
    // The first reader to see its close is one the budget closed.
    expect(await Promise.race(readers.map((r) => r.closed))).toBe(CloseCode.slowConsumer)
    expect(writer.provider.wsconnected).toBe(true)
  }, 90_000)
})
