import { mkdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { center, component, joinBoard, type Participant } from '../helpers/boardPage'
import { browserAvailable, launchBrowser, type TestBrowser } from '../helpers/browser'
import { ensureClientBuilt } from '../helpers/buildClient'
import { type CreatedSession, createSession, startServer, type TestServer } from '../helpers/server'

const ARTIFACTS = fileURLToPath(new URL('../artifacts/review/', import.meta.url))
const SIZES = [
  [{ width: 1440, height: 900 }, 'light'],
  [{ width: 1440, height: 900 }, 'dark'],
  [{ width: 390, height: 844 }, 'light'],
  [{ width: 390, height: 844 }, 'dark'],
] as const

const finding = (page: Page, rule: string) =>
  page.locator(`[data-testid="review-findings"] [data-rule="${rule}"]`)
const tab = (page: Page, name: string) => page.locator('.mb-right [role="tab"]', { hasText: name }).click()

async function place(page: Page, kind: string, x: number, y: number) {
  await page.dragAndDrop(`.mb-palette__item[data-kind="${kind}"]`, '.mb-canvas', { targetPosition: { x, y } })
  await component(page, kind).waitFor()
  await page.keyboard.press('Escape')
}

/** The replay's timeline and the report's rubric: findings and cited moments, both linked to instants. */
describe.runIf(browserAvailable())('design review moments: replay marks and rubric evidence', () => {
  let server: TestServer
  let browser: TestBrowser
  let session: CreatedSession
  let coach: Participant

  beforeAll(async () => {
    ensureClientBuilt()
    mkdirSync(ARTIFACTS, { recursive: true })
    server = await startServer({ serveClient: true })
    session = await createSession(server.url, { title: 'Design a job runner', mode: 'practice' })
    browser = await launchBrowser()
    coach = await joinBoard(browser, server.url, session.links.interviewer, 'Ada', {
      contextOptions: { viewport: { width: 1440, height: 900 } },
      waitForTimer: true,
    })
  }, 120_000)

  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it('the coach raises and resolves a finding and cites moments in the rubric', async () => {
    const { page } = coach
    await page.getByTestId('timer-start').click()
    await place(page, 'relational-db', 200, 160)
    await place(page, 'message-queue', 200, 420)
    await place(page, 'worker', 620, 420)
    await tab(page, 'Interviewer')
    await finding(page, 'queue-without-consumer').hover()
    await finding(page, 'queue-without-consumer').getByTestId('finding-bookmark').click()
    await expect.poll(() => page.getByTestId('bookmark-label').first().inputValue()).toMatch(/Nothing reads/)

    const from = await center(component(page, 'message-queue'))
    const to = await center(component(page, 'worker'))
    await page.keyboard.press('a')
    await page.mouse.move(from.x, from.y)
    await page.mouse.down()
    await page.mouse.move((from.x + to.x) / 2, from.y + 10, { steps: 5 })
    await page.mouse.move(to.x, to.y, { steps: 5 })
    await page.mouse.up()
    await page.keyboard.press('Escape')
    await expect.poll(() => finding(page, 'queue-without-consumer').count(), { timeout: 10_000 }).toBe(0)

    // Selecting the arrow opened its inspector: back to the coach's panel.
    await tab(page, 'Interviewer')
    // Components: the bookmark (a moment with its own instant); reliability: a finding open now.
    const components = page.getByLabel('Choosing & integrating components: cite a moment')
    const bookmark = await components
      .locator('option[value^="m:"]', { hasText: /Nothing reads/ })
      .getAttribute('value')
    await components.selectOption(bookmark)
    const reliability = page.getByLabel('Security & reliability: cite a moment')
    await reliability.selectOption(
      await reliability.locator('option[value^="f:"]').first().getAttribute('value'),
    )
    await expect
      .poll(() => page.getByLabel('Choosing & integrating components evidence').textContent())
      .toMatch(/\d+:\d\d · Nothing reads from Message queue/)
    await page.getByLabel('Security & reliability evidence').waitFor()
    await page.getByTestId('rubric').scrollIntoViewIfNeeded()
    await page.screenshot({ path: `${ARTIFACTS}rubric-evidence-1440-light.png` })
  }, 90_000)

  it('the replay timeline shows the finding raised and resolved; a mark seeks to its instant', async () => {
    for (const [size, scheme] of SIZES) {
      const context = await browser.newContext({ viewport: size, colorScheme: scheme })
      const page = await context.newPage()
      page.setDefaultTimeout(30_000)
      await page.goto(`${server.url}/s/${session.id}/replay#token=${session.tokens.interviewer}`)
      // A first page in a fresh browser on a loaded machine takes its time (as in finding-marks):
      // the marks' wait, 30 s counted from the page's start, timed out in two full runs.
      await page.locator('.rp-page[data-shown-at]').waitFor({ timeout: 60_000 })
      const queue = page.locator('.rp-finding[data-rule="queue-without-consumer"]')
      const resolved = queue.locator('[data-testid="finding-mark"][data-kind="resolved"]')
      await resolved.waitFor()
      expect(await resolved.getAttribute('aria-label')).toMatch(
        /^Finding resolved: Nothing reads from Message queue raised \d+:\d\d, resolved \d+:\d\d$/,
      )
      const raisedAt = /raised (\d+:\d\d)/.exec((await resolved.getAttribute('aria-label'))!)![1]!
      await page.locator('.rp-page[data-loaded="1"]').waitFor()
      // Findings raised in the same second overlap on a short session: activate this one by keyboard.
      await queue.locator('[data-kind="raised"]').focus()
      await page.keyboard.press('Enter')
      // The playhead is at the raise now, and the address says so.
      await expect
        .poll(() => page.getByLabel('Replay position').getAttribute('aria-valuetext'))
        .toMatch(new RegExp(`^${raisedAt} of `))
      await expect.poll(() => new URL(page.url()).searchParams.get('t')).toMatch(/^\d+$/)
      if (size.width > 820)
        expect(await page.getByRole('region', { name: 'Design review' }).textContent()).toMatch(
          /Nothing reads from Message queueraised \d+:\d\dresolved \d+:\d\d/,
        )
      await resolved.focus()
      await page.screenshot({ path: `${ARTIFACTS}replay-findings-${size.width}-${scheme}.png` })
      await context.close()
    }
  }, 150_000)

  it('the report prints each score with its evidence, linking to the replay at that instant', async () => {
    for (const [size, scheme] of SIZES) {
      const context = await browser.newContext({ viewport: size, colorScheme: scheme })
      const page = await context.newPage()
      page.setDefaultTimeout(30_000)
      await page.goto(`${server.url}/s/${session.id}/report#token=${session.tokens.interviewer}`)
      const row = page.locator('.rr-rubric tr', { hasText: 'Choosing & integrating components' })
      const link = row.locator('.rr-evidence a')
      await link.waitFor()
      expect(await link.getAttribute('href')).toMatch(new RegExp(`^/s/${session.id}/replay\\?t=\\d+$`))
      expect(await row.locator('.rr-evidence').textContent()).toMatch(/\d+:\d\dBookmarkNothing reads from/)
      await page
        .locator('.rr-rubric tr', { hasText: 'Security & reliability' })
        .locator('.rr-evidence a')
        .waitFor()
      await row.scrollIntoViewIfNeeded()
      await page.screenshot({ path: `${ARTIFACTS}report-evidence-${size.width}-${scheme}.png` })
      await context.close()
    }
  }, 150_000)
})
