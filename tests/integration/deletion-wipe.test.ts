import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'

import { boardNotesText, CloseCode, type WorkspaceCreated } from '@mockboard/shared'
import { describe, expect, it, vi } from 'vitest'

import { useHarness } from '../helpers/harness.js'
import { createSession } from '../helpers/server.js'

const { server, client } = useHarness()

describe('deleting a session in SQLite', () => {
  it("leaves none of its text in mockboard.db or mockboard.db-wal (candidate's name, notes, rubric comment)", async () => {
    const s = await server()
    const marker = `MARK${randomBytes(12).toString('hex')}`
    const ws = (await (await fetch(`${s.url}/api/workspaces`, { method: 'POST' })).json()) as WorkspaceCreated
    const session = await createSession(s.url, { workspace: { id: ws.id, key: ws.key }, candidate: marker })
    const board = client(s.syncUrl, session.id, 'board', session.tokens.candidate)
    const notes = client(s.syncUrl, session.id, 'private', session.tokens.interviewer)
    await Promise.all([board.synced, notes.synced])
    boardNotesText(board.doc).insert(0, `notes ${marker}`)
    notes.doc.getMap('rubric').set('scale', { score: 3, comment: `comment ${marker}` })
    const files = [`${s.dataDir}/mockboard.db`, `${s.dataDir}/mockboard.db-wal`]
    const copies = () =>
      files
        .filter((f) => existsSync(f))
        .reduce((n, f) => n + readFileSync(f).toString('latin1').split(marker).length - 1, 0)
    // The name, the notes and the comment are on disk (in one file or the other) before the deletion.
    await vi.waitFor(() => expect(copies()).toBeGreaterThanOrEqual(3))

    const closed = board.nextClose()
    const res = await fetch(`${s.url}/api/sessions/${session.id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${ws.key}` },
    })
    expect(res.status).toBe(204)
    expect(await closed).toBe(CloseCode.sessionDeleted)
    expect(copies()).toBe(0)
  })
})
