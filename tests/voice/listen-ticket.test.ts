import type { WorkspaceCreated, WorkspaceSessions } from '@mockboard/shared'
import { describe, expect, it } from 'vitest'

import { useHarness } from '../helpers/harness.js'
import { api, chunk, take } from '../helpers/recordingsApi.js'
import { createSession } from '../helpers/server.js'

const { server } = useHarness()

interface Listed {
  id: string
  audioUrl: string
}

describe('listen tickets: the replay streams a take without the Bearer header', () => {
  it("opens exactly the listed take, for the lister's role, only while the sharing rule allows", async () => {
    const s = await server()
    const session = await createSession(s.url)
    const a = api(s, session)
    const { candidate, interviewer } = session.tokens
    const cam = await take(a, candidate, 'Cam')
    const ada = await take(a, interviewer, 'Ada')
    await a.upload(candidate, cam, 0, chunk(7, 3000))
    await a.upload(interviewer, ada, 0, chunk(8, 2000))

    const listed = (await (await a.list(interviewer)).json()) as Listed[]
    const camUrl = listed.find((r) => r.id === cam)!.audioUrl
    const adaUrl = listed.find((r) => r.id === ada)!.audioUrl
    // The invite token never appears in the URL.
    expect(camUrl).not.toContain(interviewer)
    const whole = await a.audioUrl(camUrl)
    expect(whole.status).toBe(200)
    expect((await whole.arrayBuffer()).byteLength).toBe(3000)
    const part = await a.audioUrl(camUrl, 'bytes=10-19')
    expect(part.status).toBe(206)
    expect([...new Uint8Array(await part.arrayBuffer())]).toEqual(new Array(10).fill(7))

    // A ticket is for one take: moved onto another, or altered, it opens nothing.
    const ticketOf = (url: string) => new URL(url, s.url).searchParams.get('ticket')!
    const swapped = adaUrl.replace(ticketOf(adaUrl), ticketOf(camUrl))
    expect((await a.audioUrl(swapped)).status).toBe(401)
    const forged = camUrl.replace(/interviewer\./, 'candidate.')
    expect((await a.audioUrl(forged)).status).toBe(401)
    expect((await a.audioUrl(camUrl.replace(/ticket=[^&]+/, 'ticket=nope'))).status).toBe(400)

    // The candidate's ticket follows the sharing rule on every read: unshared, it stops at once.
    expect((await a.share(interviewer)).status).toBe(200)
    const theirs = (await (await a.list(candidate)).json()) as Listed[]
    const candidateUrl = theirs.find((r) => r.id === cam)!.audioUrl
    expect((await a.audioUrl(candidateUrl)).status).toBe(200)
    expect((await a.share(interviewer, false)).status).toBe(200)
    const refused = await a.audioUrl(candidateUrl)
    expect(refused.status).toBe(403)
    expect(await refused.text()).toMatch(/candidate may not hear/)
  })

  it('stops, like the link it was issued to, when the workspace key that link was listed under is rotated', async () => {
    const s = await server()
    const ws = (await (await fetch(`${s.url}/api/workspaces`, { method: 'POST' })).json()) as WorkspaceCreated
    const session = await createSession(s.url, { workspace: { id: ws.id, key: ws.key } })
    const a = api(s, session)
    const ada = await take(a, session.tokens.interviewer, 'Ada')
    await a.upload(session.tokens.interviewer, ada, 0, chunk(8, 2000))
    const listing = await fetch(`${s.url}/api/workspaces/${ws.id}/sessions`, {
      headers: { authorization: `Bearer ${ws.key}` },
    })
    const { sessions } = (await listing.json()) as WorkspaceSessions
    const listedToken = new URLSearchParams(sessions[0]!.interviewerLink.split('#')[1]).get('token')!
    const url = ((await (await a.list(listedToken)).json()) as Listed[])[0]!.audioUrl
    expect((await a.audioUrl(url)).status).toBe(200)

    const rotated = await fetch(`${s.url}/api/workspaces/${ws.id}/key`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ws.key}` },
    })
    expect(rotated.status).toBe(200)
    const revoked = await a.audioUrl(url)
    expect(revoked.status).toBe(401)
    expect(await revoked.text()).toMatch(/revoked/)
    // The key tag is under the ticket's MAC: dropping it forges nothing.
    expect((await a.audioUrl(url.replace(/\.[A-Za-z0-9_-]{11}\./, '.'))).status).toBe(401)
  })
})
