import { mkdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { joinBoard, type Participant } from '../helpers/boardPage'
import { browserAvailable, FAKE_MEDIA_ARGS, launchBrowser, type TestBrowser } from '../helpers/browser'
import { ensureClientBuilt } from '../helpers/buildClient'
import { CAPTURE_PEER_CONNECTIONS, type LinkStats, rtcStats } from '../helpers/rtcStats'
import { type CreatedSession, createSession, startServer, type TestServer } from '../helpers/server'

const ARTIFACTS = fileURLToPath(new URL('../artifacts/', import.meta.url))

const live = (links: LinkStats[]) => links.filter((l) => l.state === 'connected')
const total = (links: LinkStats[], key: 'received' | 'sent') => links.reduce((sum, l) => sum + l[key], 0)

describe.runIf(browserAvailable())('voice: live audio between participants (fake microphone)', () => {
  let server: TestServer
  let browser: TestBrowser
  let session: CreatedSession
  let ada: Participant
  let cam: Participant
  let obs: Participant

  const open = (link: string, name: string, dark = false) =>
    joinBoard(browser, server.url, link, name, {
      rememberName: true,
      waitForTimer: true,
      contextOptions: { colorScheme: dark ? 'dark' : 'light' },
      beforeGoto: (page) => page.addInitScript(CAPTURE_PEER_CONNECTIONS),
    })

  async function openPeople(page: Page) {
    const toggle = page.locator('.mb-ih__people .mb-ih__toggle[aria-expanded="false"]')
    if (await toggle.count()) await toggle.click()
  }

  beforeAll(async () => {
    ensureClientBuilt()
    mkdirSync(ARTIFACTS, { recursive: true })
    server = await startServer({ serveClient: true })
    session = await createSession(server.url, { title: 'Voice' })
    browser = await launchBrowser({ extraArgs: FAKE_MEDIA_ARGS })
    ada = await open(session.links.interviewer, 'Ada')
    cam = await open(session.links.candidate, 'Cam', true)
    obs = await open(session.links.observer, 'Obi')
  }, 180_000)

  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it('connects two participants: audio bytes flow both ways (getStats)', async () => {
    await ada.page.getByRole('button', { name: 'Join audio' }).click()
    await cam.page.getByRole('button', { name: 'Join audio' }).click()
    for (const p of [ada, cam]) {
      await expect
        .poll(
          async () => {
            const links = live(await rtcStats(p.page))
            return links.length === 1 && total(links, 'received') > 2000 && total(links, 'sent') > 2000
          },
          { timeout: 30_000 },
        )
        .toBe(true)
    }
    expect(ada.errors.filter((e) => !e.includes('favicon'))).toEqual([])
  }, 60_000)

  it('lets an observer listen without ever sending', async () => {
    await obs.page.getByRole('button', { name: 'Listen' }).click()
    await obs.page.locator('[data-testid="voice"][data-status="on"][data-sending="false"]').waitFor()
    // The observer hears both speakers…
    await expect
      .poll(
        async () => {
          const links = live(await rtcStats(obs.page))
          return links.length === 2 && links.every((l) => l.received > 2000)
        },
        { timeout: 30_000 },
      )
      .toBe(true)
    // …and sends nothing on any of its connections; no microphone button is offered.
    expect(total(await rtcStats(obs.page), 'sent')).toBe(0)
    expect(await obs.page.getByRole('button', { name: /mute microphone/i }).count()).toBe(0)
    // The interviewer's connection to the observer receives nothing.
    const adaLinks = live(await rtcStats(ada.page))
    expect(adaLinks).toHaveLength(2)
    expect(adaLinks.filter((l) => l.received === 0)).toHaveLength(1)
  }, 60_000)

  it('shows speaking and mute on the participant list', async () => {
    await openPeople(cam.page)
    const adaBadge = cam.page.getByRole('img', { name: /^Ada: / })
    // The fake microphone beeps (20 ms every half second): Ada's row lights up on Cam's page. The
    // meter once looked at 12 ms of every 100 and could miss the beeps for over a minute.
    await cam.page.locator('[data-testid="audio-badge"][data-speaking="true"][aria-label^="Ada"]').waitFor({
      timeout: 20_000,
    })
    await ada.page.getByRole('button', { name: 'Mute microphone' }).click()
    await expect.poll(() => adaBadge.getAttribute('data-muted')).toBe('true')
    await expect.poll(() => adaBadge.getAttribute('aria-label')).toBe('Ada: muted')
    await ada.page.getByRole('button', { name: 'Unmute microphone' }).click()
    await expect.poll(() => adaBadge.getAttribute('data-muted')).toBe('false')
    const obiBadge = cam.page.getByRole('img', { name: /^Obi: / })
    expect(await obiBadge.getAttribute('aria-label')).toBe('Obi: listening')
  }, 60_000)

  it('screenshots: audio controls at 1440x900 and 390x844, light and dark', async () => {
    await openPeople(ada.page)
    for (const scheme of ['light', 'dark'] as const) {
      await ada.page.emulateMedia({ colorScheme: scheme })
      await ada.page.locator('summary[aria-label="Audio settings"]').click()
      await ada.page.locator('.mb-voice__menu').waitFor()
      await ada.page.screenshot({ path: `${ARTIFACTS}voice-controls-1440-${scheme}.png` })
      await ada.page.locator('summary[aria-label="Audio settings"]').click()
    }
    // The phone size on Cam's page itself: a new page loads tldraw again, slow on a loaded machine.
    await cam.page.setViewportSize({ width: 390, height: 844 })
    for (const scheme of ['light', 'dark'] as const) {
      await cam.page.emulateMedia({ colorScheme: scheme })
      await cam.page.screenshot({ path: `${ARTIFACTS}voice-controls-390-${scheme}.png` })
    }
    // The drawer slides in over 0.18 s: without motion it is in place when the picture is taken.
    await cam.page.emulateMedia({ colorScheme: 'dark', reducedMotion: 'reduce' })
    await cam.page.getByRole('button', { name: 'Side panel' }).click()
    await openPeople(cam.page)
    await cam.page.screenshot({ path: `${ARTIFACTS}voice-people-390-dark.png` })
    await cam.page.getByRole('button', { name: 'Side panel' }).click()
    await cam.page.setViewportSize({ width: 1440, height: 900 })
  }, 90_000)

  it("records only who agreed: a persistent indicator, the consent question, one's own stop", async () => {
    const list = async () =>
      (await (
        await fetch(`${server.url}/api/sessions/${session.id}/recordings`, {
          headers: { authorization: `Bearer ${session.tokens.interviewer}` },
        })
      ).json()) as { participant: string; role: string; bytes: number; stoppedAt: number | null }[]
    await ada.page.getByRole('button', { name: 'Record' }).click()
    // Everyone sees it; whoever may speak is asked; the observer only sees the indicator.
    for (const p of [ada, cam]) await p.page.getByRole('dialog', { name: 'Record your voice?' }).waitFor()
    await obs.page.locator('[data-testid="recording"]').waitFor()
    expect(await obs.page.getByRole('dialog', { name: 'Record your voice?' }).count()).toBe(0)
    await ada.page.getByRole('button', { name: "Don't record me" }).click()
    await cam.page.screenshot({ path: `${ARTIFACTS}voice-consent-1440-dark.png` })
    await cam.page.getByRole('button', { name: 'Agree and record' }).click()
    await cam.page.locator('[data-testid="recording"][data-consent="recording"]').waitFor()
    await ada.page.screenshot({ path: `${ARTIFACTS}voice-recording-1440-light.png` })
    await cam.page.screenshot({ path: `${ARTIFACTS}voice-recording-1440-dark.png` })
    // MediaRecorder chunks every 3 s reach the server; the one who declined has no take at all.
    await expect
      .poll(async () => (await list()).map((r) => r.participant).join(), { timeout: 30_000 })
      .toBe('Cam')
    await expect.poll(async () => (await list())[0]!.bytes, { timeout: 30_000 }).toBeGreaterThan(1000)
    expect((await list())[0]!.role).toBe('candidate')

    await ada.page.setViewportSize({ width: 390, height: 844 })
    for (const scheme of ['light', 'dark'] as const) {
      await ada.page.emulateMedia({ colorScheme: scheme })
      await ada.page.screenshot({ path: `${ARTIFACTS}voice-recording-390-${scheme}.png` })
    }
    await ada.page.setViewportSize({ width: 1440, height: 900 })

    await cam.page.getByRole('button', { name: 'Stop my recording' }).click()
    await expect.poll(async () => (await list())[0]!.stoppedAt, { timeout: 15_000 }).not.toBeNull()
    await ada.page.getByRole('button', { name: 'Turn off' }).click()
    await cam.page.locator('[data-testid="recording"]').waitFor({ state: 'detached' })
  }, 120_000)

  it('says plainly when the microphone is refused, and still lets one listen', async () => {
    // Without the fake-UI flag, headless Chromium refuses every permission prompt: a real denial.
    const strict = await launchBrowser({ extraArgs: ['--use-fake-device-for-media-stream'] })
    try {
      const denied = await joinBoard(strict, server.url, session.links.candidate, 'Dee', {
        rememberName: true,
        waitForTimer: true,
      })
      await denied.page.getByRole('button', { name: 'Join audio' }).click()
      const alert = denied.page.getByTestId('voice-error')
      await alert.waitFor()
      expect(await alert.textContent()).toMatch(/Microphone blocked.*You can listen/)
      await denied.page.locator('[data-testid="voice"][data-status="on"][data-sending="false"]').waitFor()
      await denied.page.screenshot({ path: `${ARTIFACTS}voice-denied-1440-light.png` })
    } finally {
      await strict.close()
    }
  }, 90_000)
})
