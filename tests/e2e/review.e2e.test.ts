import { mkdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { center, component, joinBoard, type Participant } from '../helpers/boardPage'
import { browserAvailable, launchBrowser, type TestBrowser } from '../helpers/browser'
import { ensureClientBuilt } from '../helpers/buildClient'
import { type CreatedSession, createSession, startServer, type TestServer } from '../helpers/server'

const ARTIFACTS = fileURLToPath(new URL('../artifacts/review/', import.meta.url))

const finding = (page: Page, rule: string) =>
  page.locator(`[data-testid="review-findings"] [data-rule="${rule}"]`)
const tab = (page: Page, name: string) => page.locator('.mb-right [role="tab"]', { hasText: name }).click()

/** Drags a palette item onto the canvas at (x, y) inside it. */
async function place(page: Page, kind: string, x: number, y: number) {
  await page.dragAndDrop(`.mb-palette__item[data-kind="${kind}"]`, '.mb-canvas', { targetPosition: { x, y } })
  await component(page, kind).waitFor()
  await page.keyboard.press('Escape')
}

describe.runIf(browserAvailable())('design review in the browser', () => {
  let server: TestServer
  let browser: TestBrowser
  let session: CreatedSession
  let coach: Participant
  let pair: Participant

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
    pair = await joinBoard(browser, server.url, session.links.candidate, 'Grace', {
      contextOptions: { viewport: { width: 1440, height: 900 }, colorScheme: 'dark' },
      waitForTimer: true,
    })
  }, 120_000)

  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it('a lone database and a queue show in the coach panel; connecting a worker resolves the queue', async () => {
    const { page } = coach
    await place(page, 'relational-db', 200, 160)
    await place(page, 'message-queue', 200, 420)
    await place(page, 'worker', 620, 420)
    await tab(page, 'Interviewer')
    await finding(page, 'queue-without-consumer').waitFor()
    await expect.poll(() => finding(page, 'unconnected-component').count()).toBe(3)
    await expect
      .poll(() => finding(page, 'queue-without-consumer').textContent())
      .toMatch(/Nothing reads from/)

    // One click: a bookmark carrying the finding.
    await finding(page, 'queue-without-consumer').hover()
    await finding(page, 'queue-without-consumer').getByTestId('finding-bookmark').click()
    await expect
      .poll(() => page.getByTestId('bookmark-label').first().inputValue())
      .toMatch(/Nothing reads from Message queue/)

    // Badges for everyone (a practice session): the candidate sees them on the queue and the database.
    await pair.page.locator('[data-testid="review-badges"] .mb-review-badge').nth(2).waitFor()
    await page.screenshot({ path: `${ARTIFACTS}panel-1440-light.png` })
    await pair.page.screenshot({ path: `${ARTIFACTS}badges-1440-dark.png` })

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
    expect(await finding(page, 'unconnected-component').count()).toBe(1)
  }, 90_000)

  it('the estimates card computes with its arithmetic and feeds write-hotspot', async () => {
    const { page } = pair
    await tab(page, 'Notes')
    await page.getByTestId('estimates-card').locator('summary').click()
    for (const [field, value] of [
      ['dailyActiveUsers', '100000000'],
      ['requestsPerUserPerDay', '50'],
      ['readWriteRatio', '2'],
      ['objectSizeKb', '2'],
      ['retentionYears', '3'],
    ] as const) {
      await page.getByTestId(`estimate-${field}`).fill(value)
      await page.getByTestId(`estimate-${field}`).press('Enter')
    }
    await expect.poll(() => page.getByTestId('estimate-line-peakQps').textContent()).toMatch(/116 k req\/s/)
    expect(await page.getByTestId('estimate-line-avgQps').textContent()).toMatch(
      /100 M users × 50 req ÷ 86,400 s/,
    )
    // 38.6 k writes/s at peak is more than one relational node takes, and the database has no shard key.
    await finding(coach.page, 'write-hotspot').waitFor({ state: 'attached' })
    await page.screenshot({ path: `${ARTIFACTS}estimates-1440-dark.png` })
  }, 60_000)

  it('the report shows the design review: the queue resolved, the database open, the estimates', async () => {
    for (const [size, scheme] of [
      [{ width: 1440, height: 900 }, 'light'],
      [{ width: 390, height: 844 }, 'dark'],
    ] as const) {
      const context = await browser.newContext({ viewport: size, colorScheme: scheme })
      const page = await context.newPage()
      page.setDefaultTimeout(30_000)
      await page.goto(`${server.url}/s/${session.id}/report#token=${session.tokens.interviewer}`)
      const section = page.getByTestId('report-design-review')
      await section.locator('[data-rule="queue-without-consumer"]').waitFor()
      expect(await section.textContent()).toMatch(
        /Resolved \(\d+\).*Nothing reads from Message queue.*resolved/s,
      )
      expect(await page.getByTestId('report-estimates').textContent()).toMatch(/116 k req\/s/)
      await section.scrollIntoViewIfNeeded()
      await page.screenshot({ path: `${ARTIFACTS}report-${size.width}-${scheme}.png` })
      await context.close()
    }
  }, 90_000)

  it('on a phone, the badges and the estimates card fit (screenshots)', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      const phone = await joinBoard(browser, server.url, session.links.candidate, 'Phone', {
        contextOptions: { viewport: { width: 390, height: 844 }, colorScheme: scheme, hasTouch: true },
      })
      await phone.page.locator('[data-testid="review-badges"] .mb-review-badge').first().waitFor()
      await phone.page.screenshot({ path: `${ARTIFACTS}badges-390-${scheme}.png` })
      await phone.page.getByRole('button', { name: 'Side panel' }).click()
      await tab(phone.page, 'Notes')
      await phone.page.getByTestId('estimates-card').locator('summary').click()
      await phone.page.getByTestId('estimate-line-cacheSize').waitFor()
      const width = await phone.page.evaluate(() => document.documentElement.scrollWidth)
      expect(width).toBeLessThanOrEqual(390)
      await phone.page.screenshot({ path: `${ARTIFACTS}estimates-390-${scheme}.png` })
      await phone.context.close()
    }
  }, 120_000)
})
