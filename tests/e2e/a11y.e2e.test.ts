import type { BrowserContext, Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { browserAvailable, launchBrowser, type TestBrowser } from '../helpers/browser'
import { ensureClientBuilt } from '../helpers/buildClient'
import { type CreatedSession, createSession, startServer, type TestServer } from '../helpers/server'

/**
 * WCAG contrast of an element's text against what is painted behind it, from computed styles.
 * Colours go through a canvas so any syntax (rgb, color-mix results, oklab) is read the same way.
 */
const CONTRAST = (el: Element) => {
  const ctx = document.createElement('canvas').getContext('2d', { willReadFrequently: true })!
  const rgba = (css: string) => {
    ctx.clearRect(0, 0, 1, 1)
    ctx.fillStyle = css
    ctx.fillRect(0, 0, 1, 1)
    const [r, g, b, a] = ctx.getImageData(0, 0, 1, 1).data
    return [r!, g!, b!, a! / 255] as const
  }
  const over = (top: readonly number[], under: readonly number[]) =>
    [0, 1, 2].map((i) => top[i]! * top[3]! + under[i]! * (1 - top[3]!)).concat(1)
  const layers: (readonly number[])[] = []
  for (let n: Element | null = el; n; n = n.parentElement) {
    const bg = rgba(getComputedStyle(n).backgroundColor)
    if (bg[3] > 0) layers.push(bg)
    if (bg[3] >= 1) break
  }
  let back: readonly number[] = [255, 255, 255, 1]
  for (const layer of layers.reverse()) back = over(layer, back)
  const text = over(rgba(getComputedStyle(el).color), back)
  const lum = (c: readonly number[]) => {
    const [r, g, b] = c.slice(0, 3).map((v) => {
      const s = v / 255
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4
    })
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!
  }
  const [hi, lo] = [lum(text), lum(back)].sort((a, b) => b - a)
  return Math.round(((hi! + 0.05) / (lo! + 0.05)) * 100) / 100
}

describe.runIf(browserAvailable())('keyboard, focus and contrast', () => {
  let server: TestServer
  let browser: TestBrowser
  let session: CreatedSession
  let coach: { context: BrowserContext; page: Page }

  async function open(link: string, colorScheme: 'light' | 'dark' = 'light') {
    const context = await browser.newContext({ colorScheme })
    const page = await context.newPage()
    // Generous: four test runs share two cores.
    page.setDefaultTimeout(20_000)
    await page.goto(server.url + link)
    return { context, page }
  }

  async function join(page: Page, name: string) {
    await page.getByLabel('Your name').fill(name)
    await page.getByRole('button', { name: /^Join/ }).click({ timeout: 30_000 })
    await page.locator('.tl-canvas').waitFor({ timeout: 20_000 })
    await page.locator('[data-testid="timer"]:not([data-status="loading"])').waitFor({ timeout: 20_000 })
  }

  const contrast = (locator: Locator) => locator.evaluate(CONTRAST)
  /** Back to the top of the Tab order (a plain blur() keeps Chrome's starting point where it was). */
  const focusStart = (page: Page) =>
    page.evaluate(() => {
      document.body.tabIndex = -1
      document.body.focus()
      document.body.removeAttribute('tabindex')
    })
  const focused = (page: Page) => page.evaluate(() => document.activeElement?.textContent?.trim() ?? '')

  beforeAll(async () => {
    ensureClientBuilt()
    server = await startServer({ serveClient: true })
    session = await createSession(server.url, { title: 'Design a chat app', problemId: 'chat' })
    browser = await launchBrowser()
    coach = await open(session.links.interviewer)
    await join(coach.page, 'Ada')
  })

  afterAll(async () => {
    await browser?.close()
    await server?.close()
  }, 90_000)

  it('the name prompt says which role the link joins as', async () => {
    for (const role of ['candidate', 'interviewer'] as const) {
      const { page, context } = await open(session.links[role])
      try {
        await page.getByText(`You join as the ${role}`).waitFor()
      } finally {
        await context.close()
      }
    }
  }, 90_000)

  it('skip links are the first Tab stops and reach the board and the timer', async () => {
    const { page } = coach
    await focusStart(page)
    await page.keyboard.press('Tab')
    expect(await focused(page)).toBe('Skip to board')
    await page.keyboard.press('Tab')
    expect(await focused(page)).toBe('Skip to timer')
    await page.keyboard.press('Enter')
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid')))
      .toBe('timer-start')

    await focusStart(page)
    await page.keyboard.press('Tab')
    await page.keyboard.press('Enter')
    await expect
      .poll(() => page.evaluate(() => !!document.activeElement?.closest('.tl-container')))
      .toBe(true)
  }, 90_000)

  it('Enter or Escape in a side-panel field hands the keyboard back to the board', async () => {
    const { page } = coach
    await page.locator('.mb-palette__item[data-kind="cache"]').click()
    await page.getByRole('tab', { name: 'Properties' }).click()
    const tech = page.locator('.mb-right [name="technology"]')
    for (const key of ['Enter', 'Escape']) {
      await tech.fill(`Redis ${key}`)
      await tech.press(key)
      // `a` is tldraw's arrow tool: it must pick the tool, not type into the field.
      await page.keyboard.press('a')
      await page.locator('.tlui-toolbar [data-value="arrow"][aria-pressed="true"]').waitFor()
      expect(await tech.inputValue()).toBe(`Redis ${key}`)
      await page.keyboard.press('v')
      const box = (await page.locator('.mb-component[data-kind="cache"]').boundingBox())!
      await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2)
    }
  }, 90_000)

  it("the lobby's problem list is one radio group: one Tab stop, arrow keys move", async () => {
    const { page } = coach
    await page.goto(`${server.url}/`)
    // The lobby has other radio groups (Interview / Practice): everything here is the Problem group's.
    const group = page.getByRole('radiogroup', { name: 'Problem' })
    const radios = group.getByRole('radio')
    await expect
      .poll(() => radios.evaluateAll((els) => els.filter((e) => (e as HTMLElement).tabIndex === 0).length))
      .toBe(1)
    await group.getByRole('radio', { checked: true }).focus()
    const first = await focused(page)
    await page.keyboard.press('ArrowRight')
    const second = await focused(page)
    expect(second).not.toBe(first)
    expect(await group.getByRole('radio', { checked: true }).textContent()).toBe(second)
    await page.keyboard.press('ArrowLeft')
    expect(await focused(page)).toBe(first)
    // One Tab leaves the group.
    await page.keyboard.press('Tab')
    expect(
      await page.evaluate(
        () => !!document.activeElement?.closest('[role="radiogroup"][aria-label="Problem"]'),
      ),
    ).toBe(false)
  }, 90_000)

  it('text has a contrast of at least 4.5:1 in both themes (RUNNING, lobby "Open", End)', async () => {
    const { page } = coach
    const figures: Record<string, number> = {}
    for (const theme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: theme })
      await page.goto(`${server.url}/`)
      const open = page.locator('.mb-lobby__state.is-live').first()
      await open.waitFor()
      figures[`lobby Open ${theme}`] = await contrast(open)
      figures[`lobby Create ${theme}`] = await contrast(page.getByTestId('create'))

      await page.goto(server.url + session.links.interviewer)
      await page.locator('[data-testid="timer"]:not([data-status="loading"])').waitFor({ timeout: 20_000 })
      // Picked by hand here, so this test measures contrast whatever the OS-following does.
      const isDark = () => page.evaluate(() => !!document.querySelector('.mb-app.mb-dark'))
      await page.getByRole('button', { name: /^Switch to (dark|light) mode$/ }).waitFor()
      if ((await isDark()) !== (theme === 'dark'))
        await page.getByRole('button', { name: `Switch to ${theme} mode` }).click()
      await expect.poll(isDark).toBe(theme === 'dark')
      if (await page.getByTestId('timer-start').count()) await page.getByTestId('timer-start').click()
      const badge = page.locator('[data-testid="timer"][data-status="running"] .mb-timer__status')
      await badge.waitFor()
      figures[`RUNNING ${theme}`] = await contrast(badge)
      figures[`End ${theme}`] = await contrast(page.getByTestId('timer-end'))
    }
    console.info('contrast ratios', figures)
    for (const [what, ratio] of Object.entries(figures))
      expect({ what, ok: ratio >= 4.5, ratio }).toMatchObject({ what, ok: true })
  }, 90_000)

  it('the board follows the OS theme until the user picks one', async () => {
    const { page, context } = await open(session.links.candidate, 'dark')
    try {
      await join(page, 'Grace')
      await page.locator('.tl-theme__dark').first().waitFor()
      await page.emulateMedia({ colorScheme: 'light' })
      await page.locator('.tl-theme__light').first().waitFor()
      // Picked by hand: the OS no longer decides.
      await page.getByRole('button', { name: 'Switch to dark mode' }).click()
      await page.emulateMedia({ colorScheme: 'light' })
      await page.locator('.tl-theme__dark').first().waitFor()
      await page.reload()
      await page.locator('.tl-theme__dark').first().waitFor({ timeout: 20_000 })
    } finally {
      await context.close()
    }
  }, 90_000)
})
