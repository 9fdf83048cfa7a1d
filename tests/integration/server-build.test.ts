import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

import { afterEach, describe, expect, it, vi } from 'vitest'

// @ts-expect-error: a plain .mjs script without type declarations
import { ensureServerBuilt } from '../../scripts/server-build.mjs'
import { type ChildServer, freePort, spawnServer } from '../helpers/child.js'
import { createSession } from '../helpers/server.js'
import { connectClient, type YClient } from '../helpers/yclient.js'

/** Where the built server finds node_modules, as server/dist does (but apart from it). */
const BUILDS = fileURLToPath(new URL('../../server/dist/tests', import.meta.url))
const build = ensureServerBuilt as (options: { quiet: boolean; outdir: string }) => Promise<boolean>

describe('the server as `npm start` runs it (built to plain JavaScript)', () => {
  const folders: string[] = []
  let server: ChildServer | null = null
  let client: YClient | null = null
  afterEach(async () => {
    client?.destroy()
    if (server) {
      server.process.kill('SIGTERM')
      await server.exited
    }
    for (const f of folders.splice(0)) rmSync(f, { recursive: true, force: true })
  })

  it('serves, syncs, stores and answers replay reads from its worker threads', async () => {
    mkdirSync(BUILDS, { recursive: true })
    const outdir = mkdtempSync(join(BUILDS, 'build-'))
    const data = mkdtempSync(join(tmpdir(), 'mockboard-server-build-data-'))
    folders.push(outdir, data)
    expect(await build({ quiet: true, outdir })).toBe(true)
    // Built without esbuild's keepNames: no name-keeping call wraps the closures.
    expect(readFileSync(join(outdir, 'main.mjs'), 'utf8')).not.toMatch(/__name\(/)

    server = await spawnServer(
      { MOCKBOARD_DATA: data, PORT: String(await freePort()) },
      { entry: join(outdir, 'main.mjs') },
    )
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200)
    const session = await createSession(server.url)
    client = connectClient(server.syncUrl, session.id, 'board', session.tokens.interviewer)
    await client.synced
    // Over 64 KiB in several updates: `state?at=` then merges them on a DocWorkerPool thread,
    // whose entry must be built beside main.mjs.
    for (let i = 0; i < 5; i++) client.doc.getText('notes').insert(0, 'built '.repeat(3_000))

    await vi.waitFor(async () => {
      const res = await fetch(`${server!.url}/api/sessions/${session.id}/state?doc=board&at=${Date.now()}`, {
        headers: { authorization: `Bearer ${session.tokens.interviewer}` },
      })
      expect(res.status).toBe(200)
      expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(5 * 18_000)
    })
  })
})
