import { addBookmark, type SessionHistory } from '@mockboard/shared'
import { describe, expect, it, vi } from 'vitest'

import { useHarness } from '../helpers/harness.js'
import { createSession } from '../helpers/server.js'

const { server, client } = useHarness()

describe('the replay shared with observers', () => {
  it('opens the replay and report to the observer link only while the interviewer shares it', async () => {
    const s = await server()
    const session = await createSession(s.url)
    const priv = client(s.syncUrl, session.id, 'private', session.tokens.interviewer)
    await priv.synced
    addBookmark(priv.doc, { id: 'b1', at: Date.now(), phaseIndex: 0, label: 'Private remark' })
    await vi.waitFor(async () =>
      expect((await s.app.context.storage.listUpdates(session.id)).some((e) => e.doc === 'private')).toBe(
        true,
      ),
    )
    const api = (path: string, role: keyof typeof session.tokens, init: RequestInit = {}) =>
      fetch(`${s.url}/api/sessions/${session.id}${path}`, {
        ...init,
        headers: { authorization: `Bearer ${session.tokens[role]}`, 'content-type': 'application/json' },
      })
    const share = (role: keyof typeof session.tokens, shared: unknown) =>
      api('/share-replay', role, { method: 'PUT', body: JSON.stringify({ shared }) })

    // Not shared: the observer is refused with a reason; nobody but the interviewer may share.
    const refused = await api('/history', 'observer')
    expect(refused.status).toBe(403)
    expect(((await refused.json()) as { message: string }).message).toContain(
      'until the interviewer shares it',
    )
    expect((await api('/report.json', 'observer')).status).toBe(403)
    expect((await share('candidate', true)).status).toBe(403)
    expect((await share('observer', true)).status).toBe(403)
    const bad = await share('interviewer', 'yes')
    expect(bad.status).toBe(400)
    expect(((await bad.json()) as { message: string }).message).toContain('shared')

    // Shared: timeline, board and report, but nothing private (the report itself is not shared).
    expect(await (await share('interviewer', true)).json()).toEqual({ shared: true })
    const info = (await (await api('', 'observer')).json()) as { replayShared: boolean }
    expect(info.replayShared).toBe(true)
    const history = await api('/history', 'observer')
    expect(history.status).toBe(200)
    const body = (await history.json()) as SessionHistory
    expect(body.bookmarks).toBeUndefined()
    expect(body.updates.doc).not.toContain('private')
    const at = Date.now()
    expect((await api(`/state?doc=board&at=${at}`, 'observer')).status).toBe(200)
    expect((await api(`/state?doc=private&at=${at}`, 'observer')).status).toBe(403)
    const report = await api('/report.json', 'observer')
    expect(report.status).toBe(200)
    expect(await report.text()).not.toContain('Private remark')

    // Unshared again: the same link is refused again.
    expect(await (await share('interviewer', false)).json()).toEqual({ shared: false })
    expect((await api('/history', 'observer')).status).toBe(403)
  })
})
