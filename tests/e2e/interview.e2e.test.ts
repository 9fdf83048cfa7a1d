import { mkdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

import { formatClock, initialTimer, type SessionHistory, writeTimer } from '@mockboard/shared'
import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

import { browserAvailable, launchBrowser, type TestBrowser } from '../helpers/browser'
import { ensureClientBuilt } from '../helpers/buildClient'
import { createSession, startServer, type TestServer } from '../helpers/server'
import { connectClient } from '../helpers/yclient'

const ARTIFACTS = fileURLToPath(new URL('../artifacts/', import.meta.url))
const SHIFT_MS = 7 * 60_000
const SECRET = 'SECRET-BOOKMARK-7f3a'

/** Runs before any page script: this browser's clock reads 7 minutes fast. */
const SHIFT_CLOCK = `(() => {
  const Real = Date
  const shift = ${SHIFT_MS}
  class Shifted extends Real {
    constructor(...args) { if (args.length === 0) super(Real.now() + shift); else super(...args) }
    static now() { return Real.now() + shift }
  }
  globalThis.Date = Shifted
})()`

/** In the page: waits until the timer shows `text`, returns when (monotonic wall time, not Date). */
const WAIT_FOR_TEXT = `(text) => new Promise((resolve, reject) => {
  const el = document.querySelector('[data-testid="timer-clock"]')
  if (!el) return reject(new Error('no timer clock'))
  const stamp = () => performance.timeOrigin + performance.now()
  if (el.textContent === text) return resolve({ at: stamp(), late: true })
  const obs = new MutationObserver(() => {
    if (el.textContent === text) { obs.disconnect(); resolve({ at: stamp(), late: false }) }
  })
  obs.observe(el, { characterData: true, childList: true, subtree: true })
})`

interface Participant {
  context: BrowserContext
  page: Page
  errors: string[]
}

describe.runIf(browserAvailable())('interview session in the browser', () => {
  let server: TestServer
  let browser: TestBrowser
  let interviewer: Participant
  let candidate: Participant
  let sessionId = ''
  let interviewerToken = ''
  const candidateFrames: Buffer[] = []
  const candidateSockets: string[] = []

  async function open(
    options: { shiftClock?: boolean; colorScheme?: 'light' | 'dark' } = {},
  ): Promise<Participant> {
    const context = await browser.newContext({ colorScheme: options.colorScheme ?? 'light' })
    if (options.shiftClock) await context.addInitScript(SHIFT_CLOCK)
    const page = await context.newPage()
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    return { context, page, errors }
  }

  async function join(p: Participant, name: string) {
    await p.page.getByLabel('Your name').fill(name)
    await p.page.getByRole('button', { name: 'Join the board' }).click()
    await p.page.locator('.tl-canvas').waitFor({ timeout: 20_000 })
    await p.page.locator('[data-testid="timer"][data-status="idle"]').waitFor({ timeout: 10_000 })
  }

  const notes = (page: Page) => page.locator('[data-testid="notes"] .cm-content')
  const shot = (page: Page, name: string) =>
    page.screenshot({ path: `${ARTIFACTS}${name}.png`, animations: 'disabled' })

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

  // A journey of its own: the lobby, two browser pages joining, one with a shifted clock.
  it('creates a session from the lobby and hands out three links', { timeout: 90_000 }, async () => {
    interviewer = await open()
    const { page } = interviewer
    await page.goto(`${server.url}/`)
    await page.getByRole('radio', { name: 'URL shortener' }).click()
    await page.getByTestId('problem-brief').getByText('Redirect p99 < 50 ms').waitFor()
    await page.getByLabel('Phase 1 minutes').fill('12')
    await expect.poll(() => page.getByTestId('plan-total').textContent()).toContain('1 h 2 min')
    await page.getByLabel('Phase 1 minutes').fill('10')
    await shot(page, 'interview-lobby')

    // A bad value is caught in the form (the server would refuse it with a 400 naming the field).
    await page.getByLabel('Phase 2 minutes').fill('500')
    await page.getByText('Minutes must be a whole number from 1 to 120').waitFor()
    expect(await page.getByTestId('create').isDisabled()).toBe(true)
    await page.getByLabel('Phase 2 minutes').fill('25')

    await page.getByTestId('title').fill('Mock: URL shortener')
    await page.getByTestId('create').click()
    await page.getByTestId('invite-links').waitFor()
    const link = async (role: string) => page.getByTestId(`link-${role}`).inputValue()
    const [iv, cand, obs] = [await link('interviewer'), await link('candidate'), await link('observer')]
    for (const l of [iv, cand, obs]) expect(l).toMatch(new RegExp(`^${server.url}/s/[A-Za-z0-9_-]+#token=`))
    sessionId = new URL(iv).pathname.split('/')[2]!
    interviewerToken = new URLSearchParams(new URL(iv).hash.slice(1)).get('token')!
    await page.getByTestId('my-sessions').getByText('Mock: URL shortener').waitFor()
    await shot(page, 'interview-lobby-created')

    await page.getByTestId('open-mine').click()
    await join(interviewer, 'Coach Ada')

    candidate = await open({ shiftClock: true })
    candidate.page.on('websocket', (ws) => {
      candidateSockets.push(ws.url())
      ws.on('framereceived', ({ payload }) => candidateFrames.push(Buffer.from(payload)))
    })
    await candidate.page.goto(cand)
    await join(candidate, 'Cam Candidate')
    // The shift is real: this page's Date runs 7 minutes ahead of the server.
    const skew = Number(
      await candidate.page.evaluate('Date.now() - (performance.timeOrigin + performance.now())'),
    )
    expect(Math.abs(skew - SHIFT_MS)).toBeLessThan(1000)
  })

  it('starts the timer; both pages show the same phase and time within 250 ms', async () => {
    // Only the interviewer has controls.
    expect(await candidate.page.getByTestId('timer-start').count()).toBe(0)
    await interviewer.page.getByTestId('timer-start').click()
    for (const p of [interviewer, candidate])
      await p.page.locator('[data-testid="timer"][data-status="running"]').waitFor()
    expect(await candidate.page.getByTestId('timer-phase').textContent()).toBe('Requirements')
    expect(await interviewer.page.getByTestId('timer-phase').textContent()).toBe('Requirements')

    // Both wait for the same upcoming display value and note when it appeared on each page.
    const shown = (await interviewer.page.getByTestId('timer-clock').textContent())!
    const [m, s] = shown.split(':').map(Number)
    const target = formatClock((m! * 60 + s! - 2) * 1000 + 500)
    const [a, b] = (await Promise.all([
      interviewer.page.evaluate(`(${WAIT_FOR_TEXT})(${JSON.stringify(target)})`),
      candidate.page.evaluate(`(${WAIT_FOR_TEXT})(${JSON.stringify(target)})`),
    ])) as { at: number; late: boolean }[]
    expect(a!.late || b!.late).toBe(false)
    expect(Math.abs(a!.at - b!.at)).toBeLessThan(250)
  })

  it('shares notes both ways', async () => {
    await interviewer.page.getByRole('tab', { name: 'Notes' }).click()
    await candidate.page.getByRole('tab', { name: 'Notes' }).click()
    await notes(interviewer.page).getByText('# Functional requirements').waitFor()
    await notes(candidate.page).getByText('# Functional requirements').waitFor()

    await notes(candidate.page).click()
    await candidate.page.keyboard.press('Control+End')
    await candidate.page.keyboard.type('\n# Candidate idea\n- base62 ids from a counter')
    await notes(interviewer.page).getByText('base62 ids from a counter').waitFor({ timeout: 3000 })

    await notes(interviewer.page).click()
    await interviewer.page.keyboard.press('Control+End')
    await interviewer.page.keyboard.type('\n- what about custom aliases?')
    await notes(candidate.page).getByText('what about custom aliases?').waitFor({ timeout: 3000 })
    // The other person's caret carries their name.
    await candidate.page
      .locator('.cm-ySelectionInfo', { hasText: 'Coach Ada' })
      .waitFor({ state: 'attached', timeout: 3000 })
  })

  it('keeps bookmarks away from the candidate', async () => {
    const { page } = interviewer
    await page.getByRole('tab', { name: 'Interviewer' }).click()
    await page.getByTestId('interviewer-panel').waitFor()
    await page.getByTestId('bookmark-add').click()
    const label = page.getByTestId('bookmark-label').first()
    // Focus lands in the new bookmark's label, ready for typing.
    await expect
      .poll(() =>
        label.evaluate(
          (el) =>
            el === (globalThis as unknown as { document: { activeElement: unknown } }).document.activeElement,
        ),
      )
      .toBe(true)
    await label.fill(SECRET)
    await label.press('Enter')
    // The B shortcut works from the board too.
    await page.locator('.tl-canvas').click({ position: { x: 400, y: 500 } })
    await page.keyboard.press('b')
    await expect.poll(() => page.getByTestId('bookmark-label').count()).toBe(2)
    await page.keyboard.press('Escape')
    await page
      .getByTestId('rubric')
      .getByRole('radio', { name: /Strong/ })
      .first()
      .click()
    await page.getByTestId('rubric').getByRole('radio', { name: 'Leaning yes' }).click()

    // Stored on the server…
    await vi.waitFor(
      async () => {
        const res = await fetch(`${server.url}/api/sessions/${sessionId}/history`, {
          headers: { authorization: `Bearer ${interviewerToken}` },
        })
        const history = (await res.json()) as SessionHistory
        expect(history.bookmarks?.map((b) => b.label)).toContain(SECRET)
      },
      { timeout: 5000 },
    )
    await shot(page, 'interview-session-interviewer')
    await shot(candidate.page, 'interview-session-candidate')
    // …and never sent to the candidate: no private socket, no frame carrying the label.
    expect(candidateSockets.length).toBeGreaterThan(0)
    expect(candidateSockets.some((u) => u.includes('/private'))).toBe(false)
    expect(candidateFrames.length).toBeGreaterThan(0)
    expect(candidateFrames.some((f) => f.includes(SECRET))).toBe(false)
  })

  it('ends the session: editing stops on both pages and the replay is offered', async () => {
    const { page } = interviewer
    await page.getByTestId('timer-end').click()
    await page.getByTestId('timer-end-confirm').click()
    for (const p of [interviewer, candidate]) {
      await p.page.locator('[data-testid="timer"][data-status="ended"]').waitFor({ timeout: 5000 })
      await p.page.getByTestId('open-replay').waitFor()
    }
    await candidate.page.getByRole('tab', { name: 'Notes' }).click()
    await interviewer.page.getByRole('tab', { name: 'Notes' }).click()
    for (const p of [interviewer, candidate]) {
      await p.page.locator('[data-testid="notes"][data-readonly="true"]').waitFor()
      expect(await notes(p.page).getAttribute('contenteditable')).toBe('false')
    }
    const before = await notes(candidate.page).textContent()
    await notes(candidate.page).click()
    await candidate.page.keyboard.type('too late')
    expect(await notes(candidate.page).textContent()).toBe(before)
    await shot(candidate.page, 'interview-ended-candidate')
    await page.getByRole('tab', { name: 'Interviewer' }).click()
    await shot(page, 'interview-ended-interviewer')
    expect([...interviewer.errors, ...candidate.errors]).toEqual([])
  })

  it('lists the ended session in the lobby and swaps roles for the next round', async () => {
    const { page } = candidate
    await page.goto(`${server.url}/`)
    const mine = page.getByTestId('my-sessions')
    await mine.getByText('Ended').waitFor({ timeout: 5000 })
    await mine.getByRole('link', { name: 'Replay' }).waitFor()
    await mine.getByTestId('swap-roles').click()
    // Straight into the pair's shared next round (POST /api/sessions/:id/next-round), roles swapped.
    await page.waitForURL(
      (u) => /^\/s\/[A-Za-z0-9_-]+$/.test(u.pathname) && !u.pathname.endsWith(sessionId),
      { waitUntil: 'commit' },
    )
    await page.locator('.mb-role[data-role="interviewer"]').waitFor({ timeout: 20_000 })
    expect(await page.locator('.mb-topbar__title').textContent()).toContain('round 2')
    await shot(page, 'interview-lobby-swapped')

    const dark = await open({ colorScheme: 'dark' })
    await dark.page.goto(`${server.url}/`)
    await dark.page.getByTestId('create-form').waitFor()
    await shot(dark.page, 'interview-lobby-dark')
  })

  it('turns red and flashes when a phase runs out', async () => {
    const created = await createSession(server.url, {
      title: 'Overtime check',
      phases: [
        { name: 'Warm-up', minutes: 1 },
        { name: 'Design', minutes: 5 },
      ],
    })
    const p = await open()
    await p.page.goto(server.url + created.links.interviewer)
    await join(p, 'Coach Ada')
    // Another interviewer tab (a stock client) started the clock 58 s ago: 2 s left in a 1-minute phase.
    const control = connectClient(server.syncUrl, created.id, 'control', created.tokens.interviewer)
    try {
      await control.synced
      const at = Date.now() - 58_000
      const running = { ...initialTimer(), status: 'running' as const, runningSince: at, startedAt: at }
      writeTimer(control.doc, running, { type: 'start', at, phaseIndex: 0 })
      await p.page.locator('[data-testid="timer"][data-status="running"]').waitFor()
      await p.page.locator('.mb-timer.is-flashing[data-status="overtime"]').waitFor({ timeout: 5000 })
      expect(await p.page.getByTestId('timer-clock').textContent()).toMatch(/^\+0:0\d$/)
      await shot(p.page, 'interview-timer-overtime')
    } finally {
      control.destroy()
    }
  })
})
