import { randomBytes } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'

import { boardNotesText, CloseCode, type WorkspaceCreated } from '@mockboard/shared'
import { describe, expect, it, vi } from 'vitest'

import { useHarness } from '../helpers/harness.js'
import { createSession } from '../helpers/server.js'

const { server, client } = useHarness()

describe('deleting a session in SQLite', () => {
  it("leaves none of its text in mockboard.db, its WAL or its append journal (candidate's name, notes, rubric comment)", async () => {
    const s = await server()
    const marker = `MARK${randomBytes(12).toString('hex')}`
    const ws = (await (await fetch(`${s.url}/api/workspaces`, { method: 'POST' })).json()) as WorkspaceCreated
    const session = await createSession(s.url, { workspace: { id: ws.id, key: ws.key }, candidate: marker })
    const board = client(s.syncUrl, session.id, 'board', session.tokens.candidate)
    const notes = client(s.syncUrl, session.id, 'private', session.tokens.interviewer)
    await Promise.all([board.synced, notes.synced])
    boardNotesText(board.doc).insert(0, `notes ${marker}`)
    notes.doc.getMap('rubric').set('scale', { score: 3, comment: `comment ${marker}` })
    // The database, its WAL and the journal's segments (mockboard.db-appends.<n>).
    const files = () =>
      readdirSync(s.dataDir)
        .filter((f) => f.startsWith('mockboard.db'))
        .map((f) => `${s.dataDir}/${f}`)
    const text = (f: string) => {
      try {
        return readFileSync(f).toString('latin1')
      } catch {
        return '' // a segment loaded and deleted since it was listed
      }
    }
    const copies = () => files().reduce((n, f) => n + text(f).split(marker).length - 1, 0)
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
