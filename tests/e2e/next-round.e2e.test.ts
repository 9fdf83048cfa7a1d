import { mkdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { joinBoard } from '../helpers/boardPage'
import { browserAvailable, launchBrowser, type TestBrowser } from '../helpers/browser'
import { ensureClientBuilt } from '../helpers/buildClient'
import { createSession, startServer, type TestServer } from '../helpers/server'

const ARTIFACTS = fileURLToPath(new URL('../artifacts/', import.meta.url))

describe.runIf(browserAvailable())('swap roles keeps the pair together', () => {
  let server: TestServer
  let browser: TestBrowser
  const contexts: BrowserContext[] = []

  async function open(link: string, name: string, colorScheme: 'light' | 'dark'): Promise<Page> {
    const { context, page } = await joinBoard(browser, server.url, link, name, {
      contextOptions: { colorScheme },
      rememberName: true,
      waitForTimer: true,
    })
    contexts.push(context)
    return page
  }

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

  it('one click on the ended board takes both partners into the same next round, roles swapped', async () => {
    const session = await createSession(server.url, { title: 'URL shortener' })
    const coach = await open(session.links.interviewer, 'Ada', 'light')
    const cand = await open(session.links.candidate, 'Cam', 'dark')
    // The board follows the OS theme: the candidate's dark system makes it dark without a click.
    await cand.locator('.tl-theme__dark').first().waitFor()
    await coach.getByTestId('timer-start').click()
    await coach.getByTestId('timer-end').click()
    await coach.getByTestId('timer-end-confirm').click()
    for (const p of [coach, cand]) await p.locator('[data-testid="timer"][data-status="ended"]').waitFor()
    await cand.getByTestId('next-round').getByText('Next round: swap roles').waitFor()
    await coach.screenshot({ path: `${ARTIFACTS}next-round-offer-light.png` })
    await cand.screenshot({ path: `${ARTIFACTS}next-round-offer-dark.png` })

    // The candidate clicks; the coach does nothing and is taken along.
    await cand.getByTestId('next-round').click()
    const path = /^\/s\/[A-Za-z0-9_-]+$/
    for (const p of [cand, coach]) {
      await p.waitForURL((u) => path.test(u.pathname) && !u.pathname.endsWith(session.id), {
        timeout: 45_000,
        waitUntil: 'commit',
      })
      await p.locator('.mb-pill[data-state="connected"]').waitFor({ timeout: 45_000 })
    }
    expect(new URL(cand.url()).pathname).toBe(new URL(coach.url()).pathname)
    expect(await cand.locator('.mb-role').getAttribute('data-role')).toBe('interviewer')
    expect(await coach.locator('.mb-role').getAttribute('data-role')).toBe('candidate')
    expect(await cand.locator('.mb-topbar__title').textContent()).toBe('URL shortener · round 2')
    // The new interviewer drives the timer; the new candidate has no controls.
    await cand.getByTestId('timer-start').waitFor()
    expect(await coach.getByTestId('timer-start').count()).toBe(0)
    await cand.screenshot({ path: `${ARTIFACTS}next-round-landed-dark.png` })
    await coach.screenshot({ path: `${ARTIFACTS}next-round-landed-light.png` })
  }, 240_000)
})
