import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { browserAvailable, launchBrowser, type TestBrowser } from '../helpers/browser'
import { ensureClientBuilt } from '../helpers/buildClient'
import { createSession, startServer, type TestServer } from '../helpers/server'

describe.runIf(browserAvailable())('a screen whose code did not download', () => {
  let server: TestServer
  let browser: TestBrowser

  beforeAll(async () => {
    ensureClientBuilt()
    server = await startServer({ serveClient: true })
    browser = await launchBrowser()
  }, 120_000)

  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it('says so with a Reload button, which brings the screen once the download works', async () => {
    const session = await createSession(server.url)
    const context = await browser.newContext({ viewport: { width: 1100, height: 700 } })
    const page = await context.newPage()
    // The replay screen's own chunk (client/chunking.ts).
    const chunk = '**/assets/replay-*.js'
    await page.route(chunk, (route) => route.abort())
    await page.goto(`${server.url}/s/${session.id}/replay#token=${session.tokens.interviewer}`)
    const alert = page.getByRole('alert')
    await alert.waitFor({ timeout: 30_000 })
    expect(await alert.textContent()).toContain('Couldn’t load this page')
    await page.unroute(chunk)
    await page.getByRole('button', { name: 'Reload' }).click()
    // The token left the address bar as the page opened; the reload finds it where it was kept.
    await page.waitForSelector('.rp-page', { timeout: 30_000 })
    expect(await page.getByRole('alert').count()).toBe(0)
    await context.close()
  }, 90_000)
})
