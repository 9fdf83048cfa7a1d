import type { BrowserContext, BrowserContextOptions, Locator, Page } from 'playwright-core'

import { restrictToOrigin, type TestBrowser } from './browser'

/** One person on a board page, with what the page blocked or logged as an error. */
export interface Participant {
  context: BrowserContext
  page: Page
  blocked: string[]
  errors: string[]
}

export interface JoinOptions {
  /** Open the link as another tab of this participant's context (same profile, same BroadcastChannel). */
  tabOf?: Participant
  /** For the fresh context: viewport, colour scheme, downloads… */
  contextOptions?: BrowserContextOptions
  /** Runs on the new page before it navigates: routes, listeners. */
  beforeGoto?: (page: Page) => Promise<unknown>
  /** Put `name` in the browser's memory before the page loads, so no prompt is shown. */
  rememberName?: boolean
  /** Also wait until the timer has loaded (the control doc synced). */
  waitForTimer?: boolean
  /** Stop at the live board (default) or right after the page loaded (to test the prompt itself). */
  waitFor?: 'live' | 'load'
}

/**
 * Opens an invite link (in a fresh context unless `options.tabOf`), answers the name prompt when
 * `name` is given (null: the context remembers one, or the caller answers) and waits for the live board.
 */
export async function joinBoard(
  browser: TestBrowser,
  origin: string,
  link: string,
  name: string | null,
  options: JoinOptions = {},
): Promise<Participant> {
  const context = options.tabOf?.context ?? (await browser.newContext(options.contextOptions))
  // Every request outside our origin is aborted: the board must need no CDN.
  const blocked = options.tabOf?.blocked ?? (await restrictToOrigin(context, origin))
  const page = await context.newPage()
  // Loading and joining get longer on a machine busy with other test runs.
  page.setDefaultTimeout(30_000)
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text())
  })
  if (options.rememberName && name)
    await context.addInitScript(`localStorage.setItem('mockboard:name', ${JSON.stringify(name)})`)
  await options.beforeGoto?.(page)
  await page.goto(origin + link)
  if (options.waitFor === 'load') return { context, page, blocked, errors }
  if (name && !options.rememberName) {
    await page.getByLabel('Your name').fill(name)
    await page.getByRole('button', { name: 'Join the board' }).click()
  }
  await waitLive(page)
  if (options.waitForTimer)
    await page.locator('[data-testid="timer"]:not([data-status="loading"])').waitFor({ timeout: 30_000 })
  // Then fail fast with the step that broke rather than at the test timeout.
  page.setDefaultTimeout(15_000)
  return { context, page, blocked, errors }
}

export async function waitLive(page: Page): Promise<void> {
  await page.locator('.tl-canvas').waitFor({ timeout: 30_000 })
  await page.locator('.mb-pill[data-state="connected"]').waitFor({ timeout: 30_000 })
}

export const component = (page: Page, kind: string): Locator =>
  page.locator(`.mb-component[data-kind="${kind}"]`)

export async function center(locator: Locator): Promise<{ x: number; y: number }> {
  const box = (await locator.boundingBox())!
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 }
}

/** The side panel's tab that is showing. */
export const activeTab = (page: Page): Promise<string | null> =>
  page.locator('.mb-right [role="tab"][aria-selected="true"]').textContent()
