import { mkdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { joinBoard, type Participant } from '../helpers/boardPage'
import { browserAvailable, launchBrowser, type TestBrowser } from '../helpers/browser'
import { ensureClientBuilt } from '../helpers/buildClient'
import { type CreatedSession, createSession, startServer, type TestServer } from '../helpers/server'

const ARTIFACTS = fileURLToPath(new URL('../artifacts/', import.meta.url))
/** tldraw's own pick for both browsers: the same colour, as a random pick from 12 often gives. */
const SAME_COLOUR = '#FF802B'

type Person = Pick<Participant, 'context' | 'page'>

describe.runIf(browserAvailable())('presence: distinct colours, follow, apart-then-together', () => {
  let server: TestServer
  let browser: TestBrowser
  let session: CreatedSession
  let ada: Person
  let cam: Person

  async function open(link: string, name: string, id: string): Promise<Person> {
    const prefs = { version: 0, user: { id, name, color: SAME_COLOUR } }
    const { context, page } = await joinBoard(browser, server.url, link, name, {
      rememberName: true,
      beforeGoto: (page) =>
        page.addInitScript(
          `localStorage.setItem('TLDRAW_USER_DATA_v3', ${JSON.stringify(JSON.stringify(prefs))})`,
        ),
    })
    // "Here now" starts folded to one line; the list with its Follow buttons is one click away.
    await page.locator('.mb-ih__people .mb-ih__toggle[aria-expanded="false"]').click()
    return { context, page }
  }

  const dots = (page: Page) =>
    page
      .locator('[data-testid="participants"] .mb-people__dot')
      .evaluateAll((els) => els.map((e) => getComputedStyle(e).backgroundColor))

  beforeAll(async () => {
    ensureClientBuilt()
    mkdirSync(ARTIFACTS, { recursive: true })
    server = await startServer({ serveClient: true })
    session = await createSession(server.url, { title: 'Presence' })
    browser = await launchBrowser()
    ada = await open(session.links.interviewer, 'Ada', 'ada')
    cam = await open(session.links.candidate, 'Cam', 'cam')
  }, 180_000)

  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it('gives two people who start with the same colour different ones', async () => {
    for (const p of [ada, cam]) {
      await expect.poll(async () => (await dots(p.page)).length, { timeout: 15_000 }).toBe(2)
      await expect.poll(async () => new Set(await dots(p.page)).size, { timeout: 15_000 }).toBe(2)
    }
    // Both pages agree on who has which colour.
    expect(new Set([...(await dots(ada.page)), ...(await dots(cam.page))]).size).toBe(2)
  }, 60_000)

  it('follows from the participant list; the interviewer can bring everyone', async () => {
    const adaOnCam = cam.page.getByRole('button', { name: 'Follow Ada' })
    await ada.page.getByTestId('bring-everyone').click()
    await cam.page.getByRole('button', { name: 'Stop following Ada' }).waitFor()
    expect(
      await cam.page.getByRole('button', { name: 'Stop following Ada' }).getAttribute('aria-pressed'),
    ).toBe('true')
    await cam.page.screenshot({ path: `${ARTIFACTS}presence-following.png` })
    await cam.page.getByRole('button', { name: 'Stop following Ada' }).click()
    await adaOnCam.waitFor()
    await adaOnCam.click()
    await cam.page.getByRole('button', { name: 'Stop following Ada' }).waitFor()
    await cam.page.getByRole('button', { name: 'Stop following Ada' }).click()
    // Candidates have no "bring everyone".
    expect(await cam.page.getByTestId('bring-everyone').count()).toBe(0)
  }, 60_000)

  it('nudges apart components two people placed on the same spot while apart', async () => {
    for (const p of [ada, cam]) {
      await p.context.setOffline(true)
      await p.page.locator('.mb-pill[data-state="offline"]').waitFor()
    }
    for (const p of [ada, cam]) await p.page.locator('.mb-palette__item[data-kind="cache"]').click()
    for (const p of [ada, cam]) await p.context.setOffline(false)
    for (const p of [ada, cam]) {
      await p.page.locator('.mb-pill[data-state="connected"]').waitFor({ timeout: 30_000 })
      await expect
        .poll(() => p.page.locator('.mb-component[data-kind="cache"]').count(), { timeout: 15_000 })
        .toBe(2)
    }
    for (const p of [ada, cam]) {
      await expect
        .poll(
          async () => {
            const [a, b] = await Promise.all(
              [0, 1].map((i) => p.page.locator('.mb-component[data-kind="cache"]').nth(i).boundingBox()),
            )
            if (!a || !b) return 'missing'
            const ix = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)
            const iy = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)
            return ix > 0 && iy > 0 ? 'overlap' : 'apart'
          },
          { timeout: 15_000 },
        )
        .toBe('apart')
    }
    await ada.page.screenshot({ path: `${ARTIFACTS}presence-nudged.png` })
  }, 120_000)
})
