import { join } from 'node:path'

import { CloseCode } from '@mockboard/shared'
import Database from 'better-sqlite3'
import { describe, expect, it, vi } from 'vitest'

import { useHarness } from '../helpers/harness.js'
import { counterValue } from '../helpers/metrics.js'
import { openRaw } from '../helpers/rawSync.js'
import { createSession } from '../helpers/server.js'

const { server, client, onCleanup } = useHarness()
const fast = { bytesPerSecond: 1e9, messagesPerSecond: 100_000 }

describe('size caps', () => {
  it('refuses a write that would pass the document cap: not stored, not relayed, writer closed 4413', async () => {
    const maxDocBytes = 256 * 1024
    const s = await server({ config: { limits: { ...fast, maxDocBytes } } })
    const session = await createSession(s.url)
    const writer = client(s.syncUrl, session.id, 'board', session.tokens.interviewer)
    const reader = client(s.syncUrl, session.id, 'board', session.tokens.observer)
    await Promise.all([writer.synced, reader.synced])
    const text = writer.doc.getText('scratch')
    text.insert(0, 'a'.repeat(150_000))
    await vi.waitFor(() => expect(reader.doc.getText('scratch').length).toBe(150_000))
    const closed = writer.nextClose()
    text.insert(text.length, 'b'.repeat(150_000))
    expect(await closed).toBe(CloseCode.docFull)
    const room = s.app.context.registry.peek(session.id, 'board')!
    await room.flush()
    expect(await s.app.context.storage.logBytes(session.id, 'board')).toBeLessThanOrEqual(maxDocBytes)
    expect(room.doc.getText('scratch').length).toBe(150_000)
    expect(reader.doc.getText('scratch').length).toBe(150_000)
    expect(await counterValue(s.app.context.metrics.updatesRefused, 'reason', 'docFull')).toBeGreaterThan(0)
  })

  it('counts bytes already stored when a document is loaded again', async () => {
    const maxDocBytes = 256 * 1024
    const s = await server({ config: { limits: { ...fast, maxDocBytes } } })
    const session = await createSession(s.url)
    const first = client(s.syncUrl, session.id, 'board', session.tokens.interviewer)
    await first.synced
    first.doc.getText('scratch').insert(0, 'a'.repeat(200_000))
    const room = s.app.context.registry.peek(session.id, 'board')!
    await vi.waitFor(() => expect(room.doc.getText('scratch').length).toBe(200_000))
    first.destroy()
    await vi.waitFor(() => expect(s.app.context.registry.peek(session.id, 'board')).toBeUndefined())
    const second = client(s.syncUrl, session.id, 'board', session.tokens.candidate)
    await second.synced
    const closed = second.nextClose()
    second.doc.getText('more').insert(0, 'b'.repeat(100_000))
    expect(await closed).toBe(CloseCode.docFull)
  })

  it('snapshots on bytes as well as count: big updates then small ones do not multiply disk', async () => {
    const s = await server({ config: { snapshotEvery: 10, limits: fast } })
    const session = await createSession(s.url)
    const writer = client(s.syncUrl, session.id, 'board', session.tokens.interviewer)
    await writer.synced
    const room = s.app.context.registry.peek(session.id, 'board')!
    // Six 100 kB updates (kept: nothing deletes them), then 100 tiny ones.
    for (let i = 0; i < 6; i++) writer.doc.getText(`big${i}`).insert(0, String(i).repeat(100_000))
    for (let i = 0; i < 100; i++) writer.doc.getMap('small').set('k', i)
    await vi.waitFor(() => expect(room.doc.getMap('small').get('k')).toBe(99))
    await room.flush()
    const db = new Database(join(s.dataDir, 'mockboard.db'), { readonly: true })
    onCleanup(() => db.close())
    const { bytes } = db
      .prepare('SELECT coalesce(sum(length(data)), 0) AS bytes FROM snapshots WHERE session_id = ?')
      .get(session.id) as { bytes: number }
    const log = await s.app.context.storage.logBytes(session.id, 'board')
    expect(log).toBeGreaterThan(600_000)
    // Every ten tiny updates used to write another 600 kB snapshot (about 6 MB here).
    expect(bytes).toBeLessThanOrEqual(2 * log)
  })
})

describe('socket and room caps', () => {
  it('closes a socket past the whole-server cap with 4503, across sessions', async () => {
    const s = await server({ config: { limits: { maxSockets: 3 } } })
    const sessions = await Promise.all([0, 1, 2, 3].map(() => createSession(s.url)))
    const open = await Promise.all(
      sessions.slice(0, 3).map((x) => openRaw(s.syncUrl, x.id, 'board', x.tokens.observer)),
    )
    for (const o of open) onCleanup(() => o.ws.terminate())
    const fourth = await openRaw(s.syncUrl, sessions[3]!.id, 'board', sessions[3]!.tokens.observer)
    expect(await fourth.closed).toBe(CloseCode.serverFull)
    // One leaves: there is room again.
    open[0]!.ws.close()
    await open[0]!.closed
    await vi.waitFor(async () => {
      const again = await openRaw(s.syncUrl, sessions[3]!.id, 'board', sessions[3]!.tokens.observer)
      onCleanup(() => again.ws.terminate())
      const result = await Promise.race([
        again.closed,
        new Promise<'open'>((r) => again.ws.once('message', () => r('open'))),
      ])
      expect(result).toBe('open')
    })
  })

  it('closes a socket that would load one room too many with 4503', async () => {
    const s = await server({ config: { limits: { maxRooms: 2 } } })
    const session = await createSession(s.url)
    const board = await openRaw(s.syncUrl, session.id, 'board', session.tokens.interviewer)
    const control = await openRaw(s.syncUrl, session.id, 'control', session.tokens.interviewer)
    onCleanup(() => board.ws.terminate())
    onCleanup(() => control.ws.terminate())
    await vi.waitFor(() => expect(s.app.context.registry.roomCount).toBe(2))
    const privateDoc = await openRaw(s.syncUrl, session.id, 'private', session.tokens.interviewer)
    expect(await privateDoc.closed).toBe(CloseCode.serverFull)
    // A loaded room still takes more sockets.
    const second = await openRaw(s.syncUrl, session.id, 'board', session.tokens.candidate)
    onCleanup(() => second.ws.terminate())
    await vi.waitFor(() => expect(second.frames.length).toBeGreaterThan(0))
  })

  it('holds the per-session socket cap across all three documents', async () => {
    const s = await server({ config: { limits: { maxSocketsPerSession: 3 } } })
    const session = await createSession(s.url)
    for (const doc of ['board', 'control', 'private'] as const) {
      const o = await openRaw(s.syncUrl, session.id, doc, session.tokens.interviewer)
      onCleanup(() => o.ws.terminate())
    }
    const extra = await openRaw(s.syncUrl, session.id, 'control', session.tokens.candidate)
    expect(await extra.closed).toBe(CloseCode.sessionFull)
  })
})
