import { mkdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { joinBoard } from '../helpers/boardPage'
import { browserAvailable, launchBrowser, type TestBrowser } from '../helpers/browser'
import { ensureClientBuilt } from '../helpers/buildClient'
import { type CreatedSession, createSession, startServer, type TestServer } from '../helpers/server'

const ARTIFACTS = fileURLToPath(new URL('../artifacts/screens/', import.meta.url))
const SIZES = [
  { name: '1440x900', width: 1440, height: 900 },
  { name: '1280x720', width: 1280, height: 720 },
  { name: '390x844', width: 390, height: 844 },
] as const
const THEMES = ['light', 'dark'] as const

/** The page as the eye sees it: which theme it painted, and whether the document scrolls. */
const PAGE_STATE = `(() => {
  const el = document.scrollingElement
  const bg = getComputedStyle(document.querySelector('.mb-app, .mb-lobbypage') ?? document.body).backgroundColor
  const [r, g, b] = bg.match(/\\d+/g).map(Number)
  return { dark: r + g + b < 200, overflowX: el.scrollWidth > innerWidth, top: el.scrollTop }
})()`

describe.runIf(browserAvailable())('every main screen at three sizes, light and dark (screenshots)', () => {
  let server: TestServer
  let browser: TestBrowser
  let session: CreatedSession

  async function open(link: string, name: string): Promise<Page> {
    const { page } = await joinBoard(browser, server.url, link, name, {
      contextOptions: { viewport: { width: 1440, height: 900 }, colorScheme: 'light' },
      waitForTimer: true,
    })
    page.setDefaultTimeout(20_000)
    return page
  }

  /** Screenshots `page` in every size and theme; the OS theme alone decides (nobody picked one). */
  async function tour(page: Page, screen: string, prepare?: (size: (typeof SIZES)[number]) => Promise<void>) {
    for (const size of SIZES) {
      await page.setViewportSize(size)
      for (const theme of THEMES) {
        await page.emulateMedia({ colorScheme: theme })
        await prepare?.(size)
        await expect
          .poll(() => page.evaluate(PAGE_STATE))
          .toEqual({ dark: theme === 'dark', overflowX: false, top: 0 })
        await page.screenshot({
          path: `${ARTIFACTS}${screen}-${size.name}-${theme}.png`,
          animations: 'disabled',
        })
      }
    }
  }

  beforeAll(async () => {
    ensureClientBuilt()
    mkdirSync(ARTIFACTS, { recursive: true })
    server = await startServer({ serveClient: true })
    session = await createSession(server.url, { title: 'Design a chat app', problemId: 'chat' })
    browser = await launchBrowser()
  })

  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it('the room as the interviewer (each tab) and the candidate, then the lobby; all follow the OS theme', async () => {
    const coach = await open(session.links.interviewer, 'Ada')
    const candidate = await open(session.links.candidate, 'Grace')
    await candidate.locator('.mb-palette__item[data-kind="load-balancer"]').click()
    await candidate.locator('.mb-palette__item[data-kind="relational-db"]').click()
    await candidate.keyboard.press('Escape')
    for (const tab of ['Notes', 'Interviewer', 'Properties']) {
      await tour(coach, `room-interviewer-${tab.toLowerCase()}`, async (size) => {
        if (size.width < 900) {
          if (
            (await coach.getByRole('button', { name: 'Side panel' }).getAttribute('aria-expanded')) !== 'true'
          )
            await coach.getByRole('button', { name: 'Side panel' }).click()
        }
        await coach.getByRole('tab', { name: tab }).click()
      })
      await coach.keyboard.press('Escape')
    }
    await tour(candidate, 'room-candidate')
    // Back in the lobby: this browser's sessions are listed, then a new session's invite links.
    await coach.goto(`${server.url}/`)
    await coach.getByTestId('my-sessions').getByText('Design a chat app').waitFor()
    await tour(coach, 'lobby')
    await coach.getByTestId('create').click()
    await coach.getByTestId('invite-links').waitFor()
    await tour(coach, 'lobby-links')
    await tour(candidate, 'room-candidate-library', async (size) => {
      if (
        size.width < 900 &&
        (await candidate.getByRole('button', { name: 'Components' }).getAttribute('aria-expanded')) !== 'true'
      )
        await candidate.getByRole('button', { name: 'Components' }).click()
    })
  }, 300_000)
})
