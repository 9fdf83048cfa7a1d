import { mkdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { joinBoard } from '../helpers/boardPage'
import { browserAvailable, launchBrowser, type TestBrowser } from '../helpers/browser'
import { ensureClientBuilt } from '../helpers/buildClient'
import { startServer, type TestServer } from '../helpers/server'

const ARTIFACTS = fileURLToPath(new URL('../artifacts/lobby-mode/', import.meta.url))

const modeRadio = (page: Page, name: 'Interview' | 'Practice') =>
  page.getByRole('radiogroup', { name: 'Session mode' }).getByRole('radio', { name })

describe.runIf(browserAvailable())('lobby: interview or practice', () => {
  let server: TestServer
  let browser: TestBrowser

  beforeAll(async () => {
    ensureClientBuilt()
    mkdirSync(ARTIFACTS, { recursive: true })
    server = await startServer({ serveClient: true })
    browser = await launchBrowser()
  }, 180_000)

  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  /** Creates a session from the lobby in `mode`; returns the interviewer link's path. */
  async function createIn(page: Page, mode: 'Interview' | 'Practice', shot: string): Promise<string> {
    await page.goto(`${server.url}/`)
    // Interview is the default: a coach's session keeps the review to the coach.
    await expect.poll(() => modeRadio(page, 'Interview').getAttribute('aria-checked')).toBe('true')
    await modeRadio(page, mode).click()
    expect(await modeRadio(page, mode).getAttribute('aria-checked')).toBe('true')
    await expect
      .poll(() => page.getByTestId('mode-hint').textContent())
      .toMatch(mode === 'Practice' ? /on the board for both/ : /stays in the interviewer/)
    await page.getByTestId('mode').scrollIntoViewIfNeeded()
    await page.screenshot({ path: `${ARTIFACTS}${shot}.png` })
    await page.getByTestId('create').click()
    const link = await page.getByTestId('link-interviewer').inputValue()
    return new URL(link).pathname + new URL(link).hash
  }

  it('Practice creates a session whose Review toggle starts on; Interview one whose toggle starts off', async () => {
    for (const [mode, scheme, on] of [
      ['Practice', 'light', true],
      ['Interview', 'dark', false],
    ] as const) {
      const context = await browser.newContext({
        viewport: { width: 1440, height: 900 },
        colorScheme: scheme,
      })
      const page = await context.newPage()
      page.setDefaultTimeout(30_000)
      const link = await createIn(page, mode, `lobby-${mode.toLowerCase()}-1440-${scheme}`)
      if (mode === 'Practice')
        await page
          .getByTestId('invite-links')
          .getByText(/practice partner/)
          .waitFor()
      await context.close()

      const coach = await joinBoard(browser, server.url, link, 'Ada', {
        contextOptions: { viewport: { width: 1440, height: 900 }, colorScheme: scheme },
        waitForTimer: true,
      })
      await coach.page.locator('.mb-right [role="tab"]', { hasText: 'Interviewer' }).click()
      const toggle = coach.page.getByTestId('review-badges-toggle')
      await expect.poll(() => toggle.isChecked()).toBe(on)
      await coach.context.close()
    }
  }, 120_000)

  it('the mode choice fits a phone, light and dark (screenshots)', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 }, colorScheme: scheme })
      const page = await context.newPage()
      page.setDefaultTimeout(30_000)
      await page.goto(`${server.url}/`)
      await modeRadio(page, 'Practice').click()
      // Keyboard: an arrow key moves the choice back to Interview.
      await page.keyboard.press('ArrowRight')
      expect(await modeRadio(page, 'Interview').getAttribute('aria-checked')).toBe('true')
      await modeRadio(page, 'Practice').click()
      const box = await page.getByTestId('mode').boundingBox()
      expect(box!.x + box!.width).toBeLessThanOrEqual(390)
      await page.getByTestId('mode').scrollIntoViewIfNeeded()
      await page.screenshot({ path: `${ARTIFACTS}lobby-practice-390-${scheme}.png` })
      await context.close()
    }
  }, 60_000)
})
