import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { afterEach, describe, expect, it, vi } from 'vitest'

import { type ChildServer, spawnServer } from '../helpers/child.js'
import { createSession } from '../helpers/server.js'
import { connectClient } from '../helpers/yclient.js'

const cleanup: (() => unknown)[] = []
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn()
})

/** Sets the soft RLIMIT_FSIZE of a running process: past it every file write fails (EFBIG), like a full disk. */
const limitFileSize = (pid: number, bytes: number | 'unlimited') =>
  execFileSync('prlimit', ['--pid', String(pid), `--fsize=${bytes}:`])

const health = async (server: ChildServer) => (await fetch(`${server.url}/healthz`)).status

describe('storage failures are visible', () => {
  it('a full disk: /healthz 503 while writes fail, the journal load failure logged, 200 again after; nothing lost', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'mockboard-full-'))
    cleanup.push(() => rmSync(dataDir, { recursive: true, force: true }))
    const server = await spawnServer({ PORT: '0', MOCKBOARD_DATA: dataDir })
    cleanup.push(() => server.process.kill('SIGKILL'))
    let log = ''
    server.process.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()))

    const session = await createSession(server.url)
    const writer = connectClient(server.syncUrl, session.id, 'board', session.tokens.candidate)
    cleanup.push(() => writer.destroy())
    await writer.synced
    // Grow the database well past the limit we set below, and let the checkpointer copy it in.
    for (let i = 0; i < 6; i++) writer.doc.getMap('fill').set(`f${i}`, 'x'.repeat(50_000))
    const db = join(dataDir, 'mockboard.db')
    await vi.waitFor(() => expect(statSync(db).size).toBeGreaterThan(256 * 1024), { timeout: 10_000 })
    expect(await health(server)).toBe(200)

    limitFileSize(server.process.pid!, 64 * 1024)
    const closed = writer.nextClose()
    let n = 0
    const typing = setInterval(() => writer.doc.getMap('typed').set(`k${++n}`, 'y'.repeat(2_000)), 10)
    cleanup.push(() => clearInterval(typing))
    // The write path fails: the writer is closed with 1011 and the server says so.
    expect(await closed).toBe(1011)
    clearInterval(typing)
    await vi.waitFor(async () => expect(await health(server)).toBe(503), { timeout: 10_000 })
    const body = await (await fetch(`${server.url}/healthz`)).json()
    expect(body).toMatchObject({ ok: false, error: 'last storage write failed' })
    // The rows the journal took before the limit cannot go into SQLite either: logged, and tried again.
    await vi.waitFor(() => expect(log).toContain('append journal load failed'), { timeout: 10_000 })

    // Space again: the writer reconnects by itself, resends, the write succeeds, health recovers.
    limitFileSize(server.process.pid!, 'unlimited')
    await vi.waitFor(async () => expect(await health(server)).toBe(200), { timeout: 15_000 })
    const reader = connectClient(server.syncUrl, session.id, 'board', session.tokens.observer)
    cleanup.push(() => reader.destroy())
    await reader.synced
    await vi.waitFor(() => expect(reader.doc.getMap('typed').size).toBe(n), { timeout: 15_000 })
    expect(reader.doc.getMap('fill').size).toBe(6)
  }, 60_000)
})
