import { mkdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

import { CloseCode, type CloseCodeName, CloseReason } from '@mockboard/shared'
import type { Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'

import { joinBoard, type Participant } from '../helpers/boardPage'
import { browserAvailable, launchBrowser, type TestBrowser } from '../helpers/browser'
import { ensureClientBuilt } from '../helpers/buildClient'
import { type CreatedSession, createSession, startServer, type TestServer } from '../helpers/server'
import { startTcpProxy, type TcpProxy } from '../helpers/tcpProxy'

const ARTIFACTS = fileURLToPath(new URL('../artifacts/', import.meta.url))

interface Opened extends Pick<Participant, 'context' | 'page'> {
  /** URLs of every WebSocket the page opened, in order. */
  sockets: string[]
}

const pill = (page: Page) => page.locator('.mb-pill')

describe.runIf(browserAvailable())('honest connection status in the browser', () => {
  let server: TestServer
  let browser: TestBrowser
  const opened: Opened[] = []

  /** Opens `link` on `base` as `name`, waits until the board and the timer are live. */
  async function open(base: string, link: string, name: string): Promise<Opened> {
    const sockets: string[] = []
    const { context, page } = await joinBoard(browser, base, link, name, {
      rememberName: true,
      waitForTimer: true,
      beforeGoto: async (page) => page.on('websocket', (ws) => sockets.push(ws.url())),
    })
    page.setDefaultTimeout(10_000)
    const o = { context, page, sockets }
    opened.push(o)
    return o
  }

  /** Milliseconds until the pill leaves "Live" (or throws after `limit`). */
  async function msUntilNotLive(page: Page, limit: number): Promise<number> {
    const started = Date.now()
    await page.locator('.mb-pill:not([data-state="connected"])').waitFor({ timeout: limit })
    return Date.now() - started
  }

  beforeAll(async () => {
    ensureClientBuilt()
    mkdirSync(ARTIFACTS, { recursive: true })
    server = await startServer({ serveClient: true })
    browser = await launchBrowser()
  })

  afterEach(async () => {
    for (const o of opened.splice(0)) await o.context.close()
  })

  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it('says so within 5 s when the browser goes offline, marks the timer stale, and recovers', async () => {
    const session = await createSession(server.url, { title: 'Offline check' })
    const { context, page } = await open(server.url, session.links.candidate, 'Cam')
    await context.setOffline(true)
    const ms = await msUntilNotLive(page, 5000)
    console.log(`offline → status changed after ${ms} ms`)
    await page.locator('.mb-pill[data-state="offline"]').waitFor({ timeout: 5000 })
    expect(await pill(page).textContent()).toContain('reconnecting')
    await page.locator('[data-testid="timer"][data-stale="true"]').waitFor()
    await page.getByTestId('timer-stale').getByText('the timer may be out of date').waitFor()
    await page.screenshot({ path: `${ARTIFACTS}connection-offline.png` })

    await context.setOffline(false)
    await page.locator('.mb-pill[data-state="connected"]').waitFor({ timeout: 10_000 })
    await page.locator('[data-testid="timer"][data-stale="false"]').waitFor()
  }, 120_000)

  it('notices a silent drop (the link stops carrying bytes) within ~5 s and reconnects afterwards', async () => {
    const proxy: TcpProxy = await startTcpProxy(Number(new URL(server.url).port))
    try {
      const session = await createSession(server.url, { title: 'Silent drop' })
      const { page } = await open(proxy.url, session.links.interviewer, 'Ada')
      await page.getByRole('button', { name: 'Switch to dark mode' }).click()
      proxy.blackhole()
      // Nothing tells the browser: no close, no error, navigator.onLine stays true.
      const ms = await msUntilNotLive(page, 6000)
      console.log(`silent drop → status changed after ${ms} ms`)
      expect(ms).toBeLessThan(6000)
      await page.locator('.mb-pill[data-state="reconnecting"]').waitFor()
      expect(await pill(page).textContent()).toBe('Reconnecting…')
      await page.locator('[data-testid="timer"][data-stale="true"]').waitFor()
      await page.screenshot({ path: `${ARTIFACTS}connection-reconnecting-dark.png` })
      proxy.restore()
      await page.locator('.mb-pill[data-state="connected"]').waitFor({ timeout: 15_000 })
      await page.locator('[data-testid="timer"][data-stale="false"]').waitFor()
    } finally {
      await proxy.close()
    }
  }, 120_000)

  const FATAL: { name: CloseCodeName; text: string }[] = [
    { name: 'docFull', text: "This board is full: new edits can't be saved" },
    { name: 'malformed', text: 'The server refused your last change' },
    { name: 'notFound', text: 'Session not found' },
  ]

  it('stops reconnecting after a fatal close and says why, in words', async () => {
    const session = await createSession(server.url, { title: 'Fatal closes' })
    for (const [i, { name, text }] of FATAL.entries()) {
      const { page, sockets } = await open(server.url, session.links.candidate, 'Cam')
      const theme = i % 2 ? 'dark' : 'light'
      if (theme === 'dark') await page.getByRole('button', { name: 'Switch to dark mode' }).click()
      const boardSockets = () => sockets.filter((u) => u.includes('/board')).length
      const before = boardSockets()
      closeBoardPeers(session, CloseCode[name], CloseReason[name])
      await page.getByTestId('connection-banner').getByText(text).waitFor()
      expect(await page.getByTestId('connection-banner').getAttribute('data-code')).toBe(
        String(CloseCode[name]),
      )
      expect(await pill(page).getAttribute('data-state')).toBe('failed')
      // The board stays on screen (read-only) rather than turning into an error page.
      expect(await page.locator('.tl-canvas').count()).toBe(1)
      await page.screenshot({ path: `${ARTIFACTS}connection-fatal-${name}-${theme}.png` })
      // y-websocket's first retry comes after 200 ms; a whole second without one means it stopped.
      await page.waitForTimeout(1000)
      expect(boardSockets()).toBe(before)
      for (const o of opened.splice(0)) await o.context.close()
    }
  }, 240_000)

  it('retries slow-reader, rate-limit, server-full and internal-error closes with backoff', async () => {
    const session = await createSession(server.url, { title: 'Retryable closes' })
    const { page, sockets } = await open(server.url, session.links.candidate, 'Cam')
    for (const code of [CloseCode.slowConsumer, CloseCode.rateLimited, CloseCode.serverFull, 1011]) {
      const before = sockets.filter((u) => u.includes('/board')).length
      closeBoardPeers(session, code, 'test close')
      await expect
        .poll(() => sockets.filter((u) => u.includes('/board')).length, { timeout: 10_000 })
        .toBe(before + 1)
      await page.locator('.mb-pill[data-state="connected"]').waitFor({ timeout: 10_000 })
      expect(await page.getByTestId('connection-banner').count()).toBe(0)
    }
  }, 120_000)

  it('stops after 1009 (a change too large to send) instead of resending it forever', async () => {
    const small = await startServer({
      serveClient: true,
      config: { limits: { maxMessageBytes: 8 * 1024 } },
    })
    try {
      const session = await createSession(small.url, { title: 'Too big' })
      const { page, sockets } = await open(small.url, session.links.candidate, 'Cam')
      await page.locator('[data-testid="notes"] .cm-content').click()
      await page.keyboard.insertText('x'.repeat(20_000))
      await page
        .getByTestId('connection-banner')
        .getByText('Your last change was too large to send')
        .waitFor()
      await page.screenshot({ path: `${ARTIFACTS}connection-fatal-messageTooBig.png` })
      const count = sockets.filter((u) => u.includes('/board')).length
      await page.waitForTimeout(1000)
      expect(sockets.filter((u) => u.includes('/board')).length).toBe(count)
    } finally {
      await small.close()
    }
  }, 120_000)

  function closeBoardPeers(session: CreatedSession, code: number, reason: string) {
    const room = server.app.context.registry.peek(session.id, 'board')
    expect(room?.peers.size).toBeGreaterThan(0)
    for (const peer of room!.peers) peer.socket.close(code, reason)
  }
})
