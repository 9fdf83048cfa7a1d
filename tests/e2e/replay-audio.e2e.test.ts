import { mkdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

import { joinBoard, type Participant } from '../helpers/boardPage'
import { browserAvailable, FAKE_MEDIA_ARGS, launchBrowser, type TestBrowser } from '../helpers/browser'
import { ensureClientBuilt } from '../helpers/buildClient'
import { type CreatedSession, createSession, startServer, type TestServer } from '../helpers/server'

const ARTIFACTS = fileURLToPath(new URL('../artifacts/', import.meta.url))

interface Listed {
  participant: string
  durationMs: number
  stoppedAt: number | null
}

/** Each take's audio position against where the replay's clock puts it (ms), for takes the clock is inside. */
const lags = (page: Page) =>
  page.evaluate(() => {
    const root = document.querySelector<HTMLElement>('[data-testid="replay-voices"]')!
    const t = Number(root.dataset.t)
    return Array.from(root.querySelectorAll('audio'))
      .map((a) => ({
        offset: t - Number(a.dataset.startedAt),
        at: a.currentTime * 1000,
        end: a.duration * 1000,
      }))
      .filter((a) => a.offset >= 0 && a.offset < a.end)
      .map((a) => Math.abs(a.at - a.offset))
  })

const audioState = (page: Page) =>
  page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLAudioElement>('[data-testid="replay-voices"] audio')).map(
      (a) => ({
        paused: a.paused,
        muted: a.muted,
        rate: a.playbackRate,
        pitch: a.preservesPitch,
      }),
    ),
  )

/** Moves the scrubber like a user to `at` (server ms), to its 100 ms step. */
async function scrubTo(page: Page, at: number) {
  await page.evaluate((at) => {
    const root = document.querySelector<HTMLElement>('.rp-page')!
    const input = document.querySelector<HTMLInputElement>('.rp-scrub')!
    const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!
    setValue.call(input, String(Math.round((at - Number(root.dataset.start)) / 100) * 100))
    input.dispatchEvent(new Event('input', { bubbles: true }))
  }, at)
}

/** Within 100 ms of the clock, in every take the clock is inside (and at least one is). */
async function expectInSync(page: Page) {
  await vi.waitFor(
    async () => {
      const l = await lags(page)
      expect(l.length).toBeGreaterThan(0)
      expect(Math.max(...l)).toBeLessThanOrEqual(100)
    },
    { timeout: 20_000, interval: 50 },
  )
}

describe.runIf(browserAvailable())('replay: the recorded voices play in sync with the board', () => {
  let server: TestServer
  let browser: TestBrowser
  let session: CreatedSession
  let ada: Participant
  let cam: Participant
  let startedAt = 0

  const list = async () =>
    (await (
      await fetch(`${server.url}/api/sessions/${session.id}/recordings`, {
        headers: { authorization: `Bearer ${session.tokens.interviewer}` },
      })
    ).json()) as (Listed & { startedAt: number })[]

  const openReplay = async (token: string) => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } })
    const page = await context.newPage()
    page.setDefaultTimeout(30_000)
    await page.goto(`${server.url}/s/${session.id}/replay#token=${token}`)
    await page.locator('.rp-page[data-shown-at]').waitFor()
    return page
  }

  beforeAll(async () => {
    ensureClientBuilt()
    mkdirSync(ARTIFACTS, { recursive: true })
    server = await startServer({ serveClient: true })
    session = await createSession(server.url, { title: 'Voice replay' })
    browser = await launchBrowser({ extraArgs: FAKE_MEDIA_ARGS })
    const join = (link: string, name: string) =>
      joinBoard(browser, server.url, link, name, { rememberName: true, waitForTimer: true })
    ada = await join(session.links.interviewer, 'Ada')
    cam = await join(session.links.candidate, 'Cam')
  }, 180_000)

  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it('records both with consent across a phase change', async () => {
    await ada.page.getByTestId('timer-start').click()
    await ada.page.getByRole('button', { name: 'Record' }).click()
    for (const p of [ada, cam]) await p.page.getByRole('button', { name: 'Agree and record' }).click()
    const lasting = async (ms: number) =>
      vi.waitFor(
        async () => {
          const takes = await list()
          expect(takes).toHaveLength(2)
          expect(Math.min(...takes.map((r) => r.durationMs))).toBeGreaterThanOrEqual(ms)
        },
        { timeout: 40_000, interval: 250 },
      )
    await lasting(6000)
    // A phase change while both speak: `]` lands on it, in the middle of the takes.
    await ada.page.getByTestId('timer-next').click()
    await lasting(12_000)
    await ada.page.getByRole('button', { name: 'Turn off' }).click()
    await vi.waitFor(async () => expect((await list()).every((r) => r.stoppedAt !== null)).toBe(true), {
      timeout: 15_000,
    })
    startedAt = Math.max(...(await list()).map((r) => r.startedAt))
  }, 90_000)

  it('follows the scrubber, the phase jumps and play/pause; 2× keeps the pitch; 4× is muted', async () => {
    const page = await openReplay(session.tokens.interviewer)
    await page.locator('[data-testid="replay-voices"] audio').nth(1).waitFor({ state: 'attached' })
    await vi.waitFor(
      async () =>
        expect(
          await page.evaluate(() =>
            Array.from(document.querySelectorAll('audio')).every(
              (a) => a.readyState >= HTMLMediaElement.HAVE_METADATA,
            ),
          ),
        ).toBe(true),
      { timeout: 20_000 },
    )
    await scrubTo(page, startedAt + 4_000)
    await expectInSync(page)
    await scrubTo(page, startedAt + 1_500)
    await expectInSync(page)
    // `]` to the second phase's start (inside both takes), `[` back to the first and forward again.
    await page.keyboard.press(']')
    await expectInSync(page)
    await page.keyboard.press('[')
    await page.keyboard.press(']')
    await expectInSync(page)

    await page.getByRole('radio', { name: '2×' }).click()
    await page.getByRole('button', { name: 'Play' }).click()
    await vi.waitFor(async () => {
      const audio = await audioState(page)
      expect(audio).toHaveLength(2)
      for (const a of audio) expect(a).toEqual({ paused: false, muted: false, rate: 2, pitch: true })
    })
    await page.getByRole('button', { name: 'Pause' }).click()
    await vi.waitFor(async () => expect((await audioState(page)).every((a) => a.paused)).toBe(true))
    await expectInSync(page)

    await page.getByRole('radio', { name: '4×' }).click()
    await scrubTo(page, startedAt + 1_000)
    await page.getByRole('button', { name: 'Play' }).click()
    await vi.waitFor(async () =>
      expect((await audioState(page)).every((a) => a.muted && a.paused)).toBe(true),
    )
    await page.getByText('Voices muted above 2×').waitFor()
    // A short session: at 4× playback may reach the end (and stop) before the click.
    await page
      .getByRole('button', { name: 'Pause' })
      .click({ timeout: 1000 })
      .catch(() => {})
    await page.locator('.rp-page[data-playing="false"]').waitFor()
    // Paused, the voices catch up with the playhead wherever it stopped, and follow it again.
    await scrubTo(page, startedAt + 3_000)
    await expectInSync(page)
    await page.context().close()
  }, 90_000)

  it('shows a talk lane per participant and the report’s talk time, with screenshots', async () => {
    const sizes = [
      [{ width: 1440, height: 900 }, 'light'],
      [{ width: 1440, height: 900 }, 'dark'],
      [{ width: 390, height: 844 }, 'light'],
      [{ width: 390, height: 844 }, 'dark'],
    ] as const
    for (const [size, scheme] of sizes) {
      const context = await browser.newContext({ viewport: size, colorScheme: scheme })
      const page = await context.newPage()
      page.setDefaultTimeout(30_000)
      await page.goto(`${server.url}/s/${session.id}/replay#token=${session.tokens.interviewer}`)
      await page.locator('.rp-page[data-shown-at]').waitFor()
      // The fake microphone beeps: each voice has talk on its lane.
      for (const name of ['Ada', 'Cam']) {
        const lane = page.locator(`.rp-talk-lane[data-participant="${name}"]`)
        await lane.waitFor()
        expect(Number(await lane.getAttribute('data-spans'))).toBeGreaterThan(0)
      }
      await scrubTo(page, startedAt + 5_000)
      await page.screenshot({ path: `${ARTIFACTS}replay-audio-${size.width}-${scheme}.png` })

      await page.goto(`${server.url}/s/${session.id}/report#token=${session.tokens.interviewer}`)
      const section = page.getByTestId('report-talk')
      await section.waitFor()
      expect(await section.locator('tbody tr').count()).toBe(2)
      const shares = await section
        .locator('.rr-talk-row')
        .evaluateAll((rows) => rows.map((r) => Number((r as HTMLElement).dataset.share)))
      expect(shares.length).toBeGreaterThanOrEqual(2)
      expect(shares.every((x) => x > 0 && x <= 1)).toBe(true)
      await section.scrollIntoViewIfNeeded()
      await page.screenshot({ path: `${ARTIFACTS}report-talk-${size.width}-${scheme}.png` })
      await context.close()
    }
  }, 150_000)

  it('stays silent for the candidate until the report is shared', async () => {
    const context = await browser.newContext()
    const page = await context.newPage()
    const refused = page.waitForResponse((r) => r.url().endsWith('/recordings'))
    await page.goto(`${server.url}/s/${session.id}/replay#token=${session.tokens.candidate}`)
    expect((await refused).status()).toBe(403)
    await page.locator('.rp-page[data-shown-at]').waitFor()
    expect(await page.locator('[data-testid="replay-voices"]').count()).toBe(0)
    await context.close()
  }, 60_000)

  it('stops every recorder when the session ends, and the indicator says so', async () => {
    await ada.page.getByRole('button', { name: 'Record' }).click()
    for (const p of [ada, cam]) await p.page.getByRole('button', { name: 'Agree and record' }).click()
    await vi.waitFor(
      async () => {
        const takes = await list()
        expect(takes).toHaveLength(4)
        expect(takes.every((r) => r.durationMs > 0)).toBe(true)
      },
      { timeout: 40_000, interval: 250 },
    )
    await ada.page.getByTestId('timer-end').click()
    await ada.page.getByTestId('timer-end-confirm').click()
    for (const p of [ada, cam]) {
      const indicator = p.page.locator('[data-testid="recording"][data-consent="ended"]')
      await indicator.waitFor()
      expect(await indicator.textContent()).toBe('Recording stopped: the session ended')
    }
    await ada.page.screenshot({ path: `${ARTIFACTS}voice-recording-ended-1440-light.png` })
    await vi.waitFor(async () => expect((await list()).every((r) => r.stoppedAt !== null)).toBe(true), {
      timeout: 15_000,
    })
  }, 90_000)
})
