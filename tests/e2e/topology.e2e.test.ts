import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { joinBoard, type Participant, waitLive } from '../helpers/boardPage'
import { browserAvailable, launchBrowser, type TestBrowser } from '../helpers/browser'
import { ensureClientBuilt } from '../helpers/buildClient'
import { createSession } from '../helpers/server'
import { skipUnlessServices } from '../helpers/services'
import { killInstance, nginxBin, startTopology, type Topology, UPSTREAM_HEADER } from '../helpers/topology'

/**
 * The scale-out topology of docker-compose.yml, run for real on this machine: a browser session
 * through nginx with its two participants on different instances, one instance killed mid-edit.
 */

function skipUnlessNginx(): boolean {
  if (nginxBin()) return false
  if (process.env.CI === 'true') throw new Error('the topology test needs nginx under CI')
  console.warn('\n!!! SKIPPING the topology test: nginx not found (apt-get install nginx)\n')
  return true
}

const runs = browserAvailable() && !skipUnlessServices() && !skipUnlessNginx()

/** Which upstream served each of a page's sync sockets, newest last (from the handshake's header). */
async function trackSockets(page: Page): Promise<{ url: string; upstream: string }[]> {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Network.enable')
  const urls = new Map<string, string>()
  const sockets: { url: string; upstream: string }[] = []
  cdp.on('Network.webSocketCreated', (e) => urls.set(e.requestId, e.url))
  cdp.on('Network.webSocketHandshakeResponseReceived', (e) => {
    const headers = Object.fromEntries(
      Object.entries(e.response.headers).map(([k, v]) => [k.toLowerCase(), String(v)]),
    )
    sockets.push({ url: urls.get(e.requestId) ?? '', upstream: headers[UPSTREAM_HEADER] ?? '' })
  })
  return sockets
}

const boardUpstream = (sockets: { url: string; upstream: string }[]): string | undefined =>
  sockets.filter((s) => s.url.includes('/board')).at(-1)?.upstream

const componentIds = (page: Page): Promise<string[]> =>
  page.$$eval('.tl-shape[data-shape-type="system-component"]', (els) =>
    els.map((e) => (e as HTMLElement).dataset.shapeId ?? '').sort(),
  )

describe.runIf(runs)('the compose topology without Docker (nginx, two instances, PostgreSQL, Redis)', () => {
  let topology: Topology
  let browser: TestBrowser

  beforeAll(async () => {
    ensureClientBuilt()
    ;[topology, browser] = await Promise.all([startTopology(), launchBrowser()])
  })

  afterAll(async () => {
    await browser?.close()
    await topology?.stop()
  })

  it(
    'relays edits between instances and loses nothing when one is killed mid-edit',
    { timeout: 180_000 },
    async () => {
      const session = await createSession(topology.url, { title: 'Design a chat service' })

      // Each page is reloaded once the socket tracker is attached, so every socket it opens is seen.
      const join = async (link: string, name: string) => {
        const who = await joinBoard(browser, topology.url, link, name)
        const sockets = await trackSockets(who.page)
        await who.page.reload()
        await waitLive(who.page)
        return { who, sockets }
      }
      const interviewer = await join(session.links.interviewer, 'Ada')
      const candidate = await join(session.links.candidate, 'Grace')
      // nginx balances round-robin: reload the candidate until its board is on the other instance.
      for (let i = 0; i < 8 && boardUpstream(candidate.sockets) === boardUpstream(interviewer.sockets); i++) {
        await candidate.who.page.reload()
        await waitLive(candidate.who.page)
      }
      const interviewerHost = topology.instanceAt(boardUpstream(interviewer.sockets) ?? '')
      const candidateHost = topology.instanceAt(boardUpstream(candidate.sockets) ?? '')
      expect(interviewerHost).toBeDefined()
      expect(candidateHost).toBeDefined()
      expect(candidateHost).not.toBe(interviewerHost)

      // Edits both ways, across instances (the second hop is Redis).
      const place = (p: Participant, kind: string) =>
        p.page.locator(`.mb-palette__item[data-kind="${kind}"]`).click()
      await place(interviewer.who, 'load-balancer')
      await place(candidate.who, 'relational-db')
      for (const p of [interviewer.who, candidate.who]) {
        await expect.poll(() => componentIds(p.page)).toHaveLength(2)
      }

      // The candidate keeps drawing while its instance dies.
      const placed = 12
      const killAt = 4
      let seenByInterviewer: string[] = []
      for (let i = 0; i < placed; i++) {
        if (i === killAt) {
          await expect.poll(() => componentIds(interviewer.who.page)).toHaveLength(2 + killAt)
          seenByInterviewer = await componentIds(interviewer.who.page)
          await killInstance(candidateHost!)
        }
        await place(candidate.who, 'cache')
      }
      // Its sockets come back through nginx, to the instance that is left, and both sides converge.
      await candidate.who.page.locator('.mb-pill[data-state="connected"]').waitFor({ timeout: 30_000 })
      await expect.poll(() => componentIds(candidate.who.page), { timeout: 30_000 }).toHaveLength(2 + placed)
      await expect
        .poll(() => componentIds(interviewer.who.page), { timeout: 30_000 })
        .toHaveLength(2 + placed)
      expect(topology.instanceAt(boardUpstream(candidate.sockets) ?? '')).toBe(interviewerHost)
      const final = await componentIds(candidate.who.page)
      expect(await componentIds(interviewer.who.page)).toEqual(final)
      for (const id of seenByInterviewer) expect(final).toContain(id)

      // And it is in PostgreSQL: a newcomer loading from the surviving instance sees all of it.
      const observer = await joinBoard(browser, topology.url, session.links.observer, 'Lin')
      await expect.poll(() => componentIds(observer.page)).toEqual(final)
      // The browser logs the refused reconnect attempts while nginx finds the live instance; nothing else.
      for (const p of [interviewer.who, candidate.who, observer])
        expect(p.errors.filter((e) => !/WebSocket connection to .* failed/.test(e))).toEqual([])
    },
  )
})
