import { randomBytes } from 'node:crypto'

import { boardNotesText, CloseCode, type WorkspaceCreated } from '@mockboard/shared'
import Database from 'better-sqlite3'
import { describe, expect, it, vi } from 'vitest'

import { seedSession } from '../../server/src/seedSession.js'
import { useHarness } from '../helpers/harness.js'
import { type CreatedSession, createSession, type TestServer } from '../helpers/server.js'

const { server, client } = useHarness()

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(500)])

async function upload(s: TestServer, session: CreatedSession): Promise<string> {
  const res = await fetch(`${s.url}/api/sessions/${session.id}/assets`, {
    method: 'POST',
    headers: { 'content-type': 'image/png', authorization: `Bearer ${session.tokens.interviewer}` },
    body: new Uint8Array(PNG),
  })
  expect(res.status).toBe(201)
  return ((await res.json()) as { url: string }).url
}

const del = (s: TestServer, id: string, credential: string) =>
  fetch(`${s.url}/api/sessions/${id}`, {
    method: 'DELETE',
    headers: { authorization: `Bearer ${credential}` },
  })

describe('deleting a session', () => {
  it('removes log, snapshots, assets and rows of other tables; closes live sockets with 4410; links 404', async () => {
    const s = await server({ config: { snapshotEvery: 10 } })
    const session = await createSession(s.url)
    const kept = await createSession(s.url)
    const board = client(s.syncUrl, session.id, 'board', session.tokens.candidate)
    await board.synced
    // Enough edits for a snapshot to be written too.
    for (let i = 0; i < 30; i++) boardNotesText(board.doc).insert(0, `${i} `)
    const asset = await upload(s, session)
    const keptAsset = await upload(s, kept)
    // A table of some later feature, made behind the server's back.
    const raw = new Database(`${s.dataDir}/mockboard.db`)
    raw.exec('CREATE TABLE later_feature (session_id TEXT NOT NULL, data BLOB)')
    raw.prepare('INSERT INTO later_feature VALUES (?, ?), (?, ?)').run(session.id, 'a', kept.id, 'b')
    const count = (table: string, id: string) =>
      raw.prepare<[string], number>(`SELECT count(*) FROM ${table} WHERE session_id = ?`).pluck().get(id)
    await vi.waitFor(() => expect(count('snapshots', session.id)).toBeGreaterThan(0))

    // Neither the candidate, nor a stranger's workspace key, nor another session's interviewer.
    expect((await del(s, session.id, session.tokens.candidate)).status).toBe(403)
    expect((await del(s, session.id, kept.tokens.interviewer)).status).toBe(401)
    expect((await del(s, session.id, 'some-workspace-key')).status).toBe(401)

    const closed = board.nextClose()
    expect((await del(s, session.id, session.tokens.interviewer)).status).toBe(204)
    expect(await closed).toBe(CloseCode.sessionDeleted)
    for (const table of ['updates', 'snapshots', 'assets', 'later_feature'])
      expect(count(table, session.id), table).toBe(0)
    expect(raw.prepare('SELECT count(*) FROM sessions WHERE id = ?').pluck().get(session.id)).toBe(0)
    const auth = { authorization: `Bearer ${session.tokens.interviewer}` }
    expect((await fetch(`${s.url}/api/sessions/${session.id}`, { headers: auth })).status).toBe(404)
    expect((await fetch(`${s.url}/api/sessions/${session.id}/report.md`, { headers: auth })).status).toBe(404)
    expect((await fetch(`${s.url}${asset}`)).status).toBe(404)
    expect((await del(s, session.id, session.tokens.interviewer)).status).toBe(404)
    // The link's socket is refused too (no such session).
    const again = client(s.syncUrl, session.id, 'board', session.tokens.candidate)
    expect(await again.nextClose()).toBe(CloseCode.notFound)

    // The other session is untouched.
    expect(count('later_feature', kept.id)).toBe(1)
    expect((await fetch(`${s.url}${keptAsset}`)).status).toBe(200)
    raw.close()
  })

  it("lets the workspace key delete the workspace's sessions, and only those", async () => {
    const s = await server()
    const ws = (await (await fetch(`${s.url}/api/workspaces`, { method: 'POST' })).json()) as WorkspaceCreated
    const other = (await (
      await fetch(`${s.url}/api/workspaces`, { method: 'POST' })
    ).json()) as WorkspaceCreated
    const session = await createSession(s.url, { workspace: { id: ws.id, key: ws.key } })
    const outside = await createSession(s.url)
    expect((await del(s, session.id, other.key)).status).toBe(401)
    expect((await del(s, outside.id, ws.key)).status).toBe(401)
    expect((await del(s, session.id, ws.key)).status).toBe(204)
    expect(await s.app.context.storage.getSession(session.id)).toBeNull()
    expect(await s.app.context.storage.getSession(outside.id)).not.toBeNull()
  })

  it('deletes sessions older than MOCKBOARD_RETENTION_DAYS in the background', async () => {
    const first = await server()
    const old = 'created-long-ago'
    const storage = first.app.context.storage
    const longAgo = Date.now() - 3 * 86_400_000
    await storage.createSession({
      id: old,
      title: 'Old',
      problem: '',
      problemId: null,
      phases: [{ name: 'All', minutes: 60 }],
      createdAt: longAgo,
      endedAt: longAgo + 3_600_000,
      reportShared: false,
      replayShared: false,
      workspaceId: null,
      candidate: '',
    })
    await seedSession(storage, old, [{ name: 'All', minutes: 60 }], longAgo)
    const recent = await createSession(first.url)
    await first.close({ keepData: true })

    const s = await server({ dataDir: first.dataDir, config: { retentionDays: 2 } })
    await vi.waitFor(async () => expect(await s.app.context.storage.getSession(old)).toBeNull())
    expect(await s.app.context.storage.listUpdates(old)).toEqual([])
    expect(await s.app.context.storage.getSession(recent.id)).not.toBeNull()
  })
})
