import { mkdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

import type { WorkspaceSessions } from '@mockboard/shared'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

import { waitLive } from '../helpers/boardPage'
import { browserAvailable, launchBrowser, restrictToOrigin, type TestBrowser } from '../helpers/browser'
import { ensureClientBuilt } from '../helpers/buildClient'
import { startServer, type TestServer } from '../helpers/server'

const ARTIFACTS = fileURLToPath(new URL('../artifacts/', import.meta.url))

/** Scores given in each round, area label → 1…4, and the recommendation. */
const ROUNDS = [
  { scores: { 'Planning for scale': 2, 'Data storage & consistency': 1 }, recommendation: 'Leaning no' },
  { scores: { 'Planning for scale': 3, 'Data storage & consistency': 2 }, recommendation: 'Leaning yes' },
]

describe.runIf(browserAvailable())('coach workspace in the browser', () => {
  let server: TestServer
  let browser: TestBrowser

  beforeAll(async () => {
    ensureClientBuilt()
    mkdirSync(ARTIFACTS, { recursive: true })
    server = await startServer({ serveClient: true })
    browser = await launchBrowser()
  })

  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  /** From the workspace: New session → lobby with the candidate → the board, scored and ended. */
  async function runSession(page: Page, workspacePath: string, round: (typeof ROUNDS)[number]) {
    await page.goto(server.url + workspacePath)
    await page.getByTestId('ws-new-session').click()
    await page.getByTestId('candidate').fill('Ada')
    await page.screenshot({ path: `${ARTIFACTS}workspace-new-session-1440-light.png` })
    await page.getByTestId('create').click()
    await page.getByTestId('open-mine').click()
    await waitLive(page)
    await page.locator('[data-testid="timer"]:not([data-status="loading"])').waitFor({ timeout: 30_000 })
    await page.getByTestId('timer-start').click()
    await page.getByRole('tab', { name: 'Interviewer' }).click()
    const rubric = page.getByTestId('rubric')
    for (const [area, score] of Object.entries(round.scores))
      await rubric
        .getByRole('radiogroup', { name: area })
        .getByRole('radio')
        .nth(score - 1)
        .click()
    await rubric.getByRole('radio', { name: round.recommendation }).click()
    await page.getByTestId('timer-end').click()
    await page.getByTestId('timer-end-confirm').click()
    await page.locator('[data-testid="timer"][data-status="ended"]').waitFor()
  }

  it('two sessions with one candidate, seen with their trend from a browser that only has the workspace link', async () => {
    const coachContext = await browser.newContext({ colorScheme: 'light' })
    const blocked = await restrictToOrigin(coachContext, server.url)
    await coachContext.addInitScript(`localStorage.setItem('mockboard:name', 'Coach')`)
    const coach = await coachContext.newPage()
    coach.setDefaultTimeout(30_000)
    await coach.goto(server.url + '/')
    await coach.getByTestId('create-workspace').waitFor()
    await coach.screenshot({ path: `${ARTIFACTS}workspace-lobby-start-1440-light.png`, fullPage: true })
    await coach.getByTestId('create-workspace').click()
    await coach.waitForURL(/\/w\/[A-Za-z0-9_-]+#key=/)
    const link = new URL(coach.url())
    const workspacePath = link.pathname
    const key = new URLSearchParams(link.hash.slice(1)).get('key')!
    await coach.getByText('No sessions yet').waitFor()

    for (const round of ROUNDS) await runSession(coach, workspacePath, round)
    // The summaries follow the rubric and the timer a moment after the last change.
    await vi.waitFor(
      async () => {
        const res = await fetch(`${server.url}/api/workspaces${workspacePath.slice(2)}/sessions`, {
          headers: { authorization: `Bearer ${key}` },
        })
        const body = (await res.json()) as WorkspaceSessions
        expect(body.sessions.map((s) => s.summary?.recommendation)).toEqual(['lean-yes', 'lean-no'])
      },
      { timeout: 15_000, interval: 200 },
    )

    // Another browser, nothing in its storage but the workspace link.
    for (const colorScheme of ['light', 'dark'] as const) {
      const other = await browser.newContext({ colorScheme })
      await restrictToOrigin(other, server.url)
      const page = await other.newPage()
      page.setDefaultTimeout(30_000)
      await page.goto(server.url + workspacePath + link.hash)
      const rows = page.getByTestId('ws-sessions').locator('tbody tr')
      await rows.nth(1).waitFor()
      expect(await rows.count()).toBe(2)
      // The key leaves the address bar (a coach shares their screen); the copy button still has it.
      expect(page.url()).toBe(server.url + workspacePath)
      expect(await rows.first().textContent()).toContain('Ada')
      expect(await rows.first().textContent()).toContain('Leaning yes')
      await page.screenshot({ path: `${ARTIFACTS}workspace-1440-${colorScheme}.png`, fullPage: true })
      if (colorScheme === 'light') {
        // Sorting by recommendation puts the weaker round first; the CSV holds both rows.
        await page.getByTestId('sort-recommendation').click()
        expect(await rows.first().textContent()).toContain('Leaning no')
        const download = page.waitForEvent('download')
        await page.getByTestId('export-csv').click()
        const csv = readFileSync(await (await download).path(), 'utf8')
        expect(csv.split('\r\n').filter(Boolean)).toHaveLength(3)
        expect(csv).toContain(',Ada,')
        expect(csv).not.toContain('token=')
      }
      await page.setViewportSize({ width: 390, height: 844 })
      await page.screenshot({ path: `${ARTIFACTS}workspace-390-${colorScheme}.png`, fullPage: true })
      await page.setViewportSize({ width: 1440, height: 900 })

      await page.getByRole('navigation', { name: 'Candidates' }).getByRole('link', { name: 'Ada' }).click()
      await page.getByTestId('candidate-page').waitFor()
      expect(await page.getByTestId('candidate-count').textContent()).toContain('2 sessions')
      // Two points on the scored criteria's lines, none on the others.
      const scale = page.getByRole('img', { name: /^Planning for scale:/ })
      expect(await scale.locator('circle').count()).toBe(2)
      expect(
        await page
          .getByRole('img', { name: /^Performance:/ })
          .locator('circle')
          .count(),
      ).toBe(0)
      // Storage is the weakest (1, 2); the url shortener is done, so the next problem drilling it.
      expect(await page.getByTestId('next-practice').textContent()).toContain('Design a social news feed')
      // Both sessions ended, so the review of their final diagrams counts.
      expect(await page.getByTestId('recurring-findings').textContent()).toMatch(
        /(of 2 sessions|2 ended sessions)/,
      )
      await page.screenshot({ path: `${ARTIFACTS}candidate-1440-${colorScheme}.png`, fullPage: true })
      await page.setViewportSize({ width: 390, height: 844 })
      await page.screenshot({ path: `${ARTIFACTS}candidate-390-${colorScheme}.png`, fullPage: true })
      await other.close()
    }
    // Forgetting the key on a device: a reload then asks for the link.
    const shared = await browser.newContext()
    await restrictToOrigin(shared, server.url)
    const laptop = await shared.newPage()
    laptop.setDefaultTimeout(30_000)
    await laptop.goto(server.url + workspacePath + link.hash)
    await laptop.getByTestId('ws-sessions').waitFor()
    await laptop.reload()
    await laptop.getByTestId('ws-sessions').waitFor()
    // "My sessions" holds a link to one of the workspace's sessions (opened from it) and another one.
    const listing = await fetch(`${server.url}/api/workspaces${workspacePath.slice(2)}/sessions`, {
      headers: { authorization: `Bearer ${key}` },
    })
    const ids = ((await listing.json()) as WorkspaceSessions).sessions.map((x) => x.id)
    await laptop.evaluate((ids) => {
      const entry = (id: string) => ({ id, title: id, role: 'interviewer', token: `t-${id}`, joinedAt: 1 })
      localStorage.setItem('mockboard:sessions', JSON.stringify([entry(ids[0]!), entry('elsewhere')]))
    }, ids)
    laptop.once('dialog', (d) => void d.accept())
    await laptop.getByTestId('ws-forget').click()
    await laptop.waitForURL(server.url + '/')
    const kept = await laptop.evaluate(() => localStorage.getItem('mockboard:sessions'))
    expect((JSON.parse(kept!) as { id: string }[]).map((e) => e.id)).toEqual(['elsewhere'])
    await laptop.goto(server.url + workspacePath)
    await laptop.getByText('This workspace needs its link').waitFor()
    await shared.close()

    expect(blocked).toEqual([])
    await coachContext.close()
  }, 240_000)
})
