import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { afterEach, describe, expect, it, vi } from 'vitest'

import { type ChildServer, freePort, spawnServer } from '../helpers/child.js'
import { createSession } from '../helpers/server.js'
import { connectClient, type YClient } from '../helpers/yclient.js'

const cleanup: (() => void | Promise<void>)[] = []
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn()
})

function keys(client: YClient, name: string): Set<string> {
  return new Set(client.doc.getMap(name).keys())
}

describe('kill -9 while clients are editing', () => {
  it('keeps every update the server had relayed; clients reconnect and converge by themselves', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'mockboard-crash-'))
    cleanup.push(() => rmSync(dataDir, { recursive: true, force: true }))
    const port = await freePort()
    const env = { PORT: String(port), MOCKBOARD_DATA: dataDir, MOCKBOARD_SNAPSHOT_EVERY: '50' }
    let server: ChildServer = await spawnServer(env)
    cleanup.push(() => {
      server.process.kill('SIGKILL')
    })
    const session = await createSession(server.url)
    const a = connectClient(server.syncUrl, session.id, 'board', session.tokens.interviewer)
    const b = connectClient(server.syncUrl, session.id, 'board', session.tokens.candidate)
    // The witness only reads: whatever reached it had been relayed, so it had been stored first.
    const witness = connectClient(server.syncUrl, session.id, 'board', session.tokens.observer)
    cleanup.push(() => [a, b, witness].forEach((c) => c.destroy()))
    await Promise.all([a.synced, b.synced, witness.synced])

    let n = 0
    const writer = setInterval(() => {
      n++
      a.doc.getMap('a').set(`a${n}`, n)
      b.doc.getMap('b').set(`b${n}`, n)
    }, 4)
    cleanup.push(() => clearInterval(writer))
    await vi.waitFor(() => expect(keys(witness, 'a').size + keys(witness, 'b').size).toBeGreaterThan(300), {
      timeout: 15_000,
    })

    server.process.kill('SIGKILL')
    await server.exited
    const seenA = keys(witness, 'a')
    const seenB = keys(witness, 'b')
    // Edits go on while the server is down; they must arrive after the restart.
    await vi.waitFor(() => expect(a.provider.wsconnected).toBe(false))
    const beforeRestart = n
    server = await spawnServer(env)
    await vi.waitFor(() => expect(n).toBeGreaterThan(beforeRestart + 20))
    clearInterval(writer)

    const fresh = connectClient(server.syncUrl, session.id, 'board', session.tokens.observer)
    cleanup.push(() => fresh.destroy())
    await fresh.synced
    const storedA = keys(fresh, 'a')
    const storedB = keys(fresh, 'b')
    for (const k of seenA) expect(storedA.has(k), `${k} was relayed before the crash`).toBe(true)
    for (const k of seenB) expect(storedB.has(k), `${k} was relayed before the crash`).toBe(true)

    // Everyone converges on everything written, including edits made while the server was down.
    await vi.waitFor(
      () => {
        for (const c of [a, b, witness, fresh]) {
          expect(c.doc.getMap('a').size).toBe(n)
          expect(c.doc.getMap('b').size).toBe(n)
        }
      },
      { timeout: 15_000 },
    )
  }, 60_000)
})

describe('graceful shutdown', () => {
  it('SIGTERM closes sockets with 1001, flushes storage and exits 0', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'mockboard-term-'))
    cleanup.push(() => rmSync(dataDir, { recursive: true, force: true }))
    const port = await freePort()
    // The rate limit must not cut the burst short.
    const env = {
      PORT: String(port),
      MOCKBOARD_DATA: dataDir,
      MOCKBOARD_MAX_MESSAGES_PER_SECOND: '100000',
      MOCKBOARD_MAX_BYTES_PER_SECOND: '100000000',
    }
    let server = await spawnServer(env)
    cleanup.push(() => {
      server.process.kill('SIGKILL')
    })
    // Appends reach the journal before they are relayed; SIGTERM must load the journal into the
    // database before the process exits (a restart would recover it too, so the segments left
    // behind are what tells the two apart).
    const BURST = 20_000
    const session = await createSession(server.url)
    const a = connectClient(server.syncUrl, session.id, 'board', session.tokens.interviewer)
    // The witness only reads: an update reaches it after it was appended.
    const witness = connectClient(server.syncUrl, session.id, 'board', session.tokens.observer)
    cleanup.push(() => [a, witness].forEach((c) => c.destroy()))
    await Promise.all([a.synced, witness.synced])

    const writes = a.doc.getMap<number>('m')
    for (let i = 1; i <= BURST; i++) writes.set(`k${i}`, i)
    // SIGTERM once every byte left the client and the server relayed the first update: the rest
    // are received or on their way.
    await vi.waitFor(
      () => {
        expect(a.provider.ws?.bufferedAmount).toBe(0)
        expect(witness.doc.getMap('m').size).toBeGreaterThan(0)
      },
      { interval: 1 },
    )
    const closed = a.nextClose()
    const witnessClosed = witness.nextClose()
    server.process.kill('SIGTERM')
    expect(await closed).toBe(1001)
    expect(await witnessClosed).toBe(1001)
    a.provider.disconnect()
    witness.provider.disconnect()
    const relayed = keys(witness, 'm')
    expect(await server.exited).toBe(0)
    // Flushed on the way out: no journal segment is left for the next start, and the lock is gone.
    expect(readdirSync(dataDir).filter((name) => name.includes('-appends.'))).toEqual([])

    server = await spawnServer(env)
    const b = connectClient(server.syncUrl, session.id, 'board', session.tokens.candidate)
    cleanup.push(() => b.destroy())
    await b.synced
    const stored = b.doc.getMap<number>('m')
    console.log(`SIGTERM: ${relayed.size} of ${BURST} relayed before the close, ${stored.size} stored`)
    for (const k of relayed) expect(stored.has(k), `${k} was relayed before the close`).toBe(true)
    // What was still unread in its socket when it closed is not lost either: the writer still
    // holds it and sends it on reconnecting.
    a.provider.connect()
    await vi.waitFor(
      () => {
        for (let i = 1; i <= BURST; i++) expect(stored.get(`k${i}`), `k${i}`).toBe(i)
      },
      { timeout: 30_000 },
    )
  }, 240_000)
})
