import { mkdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { joinBoard, center, component, type Participant } from '../helpers/boardPage'
import { browserAvailable, launchBrowser, type TestBrowser } from '../helpers/browser'
import { ensureClientBuilt } from '../helpers/buildClient'
import { createSession, startServer, type CreatedSession, type TestServer } from '../helpers/server'

const ARTIFACTS = fileURLToPath(new URL('../artifacts/', import.meta.url))

describe.runIf(browserAvailable())('component cards in the browser', () => {
  let server: TestServer
  let browser: TestBrowser
  let session: CreatedSession
  let interviewer: Participant
  let candidate: Participant

  beforeAll(async () => {
    ensureClientBuilt()
    mkdirSync(ARTIFACTS, { recursive: true })
    server = await startServer({ serveClient: true })
    session = await createSession(server.url, { title: 'Design a chat app' })
    browser = await launchBrowser()
    interviewer = await joinBoard(browser, server.url, session.links.interviewer, 'Ada')
    candidate = await joinBoard(browser, server.url, session.links.candidate, 'Grace')
  })

  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it('double-click, type and Enter renames the card on both pages', async () => {
    const { page } = interviewer
    await page.locator('.mb-palette__item[data-kind="worker"]').click()
    const card = component(page, 'worker')
    await card.waitFor()
    await page.keyboard.press('Escape')
    const at = await center(card)
    await page.mouse.dblclick(at.x, at.y)
    // Typed as a person types, key by key: the canvas must not take the focus back meanwhile.
    await page.keyboard.type('Fan-out worker', { delay: 15 })
    await page.keyboard.press('Enter')
    await component(candidate.page, 'worker').getByText('Fan-out worker', { exact: true }).waitFor({ timeout: 3000 })
    await card.getByText('Fan-out worker', { exact: true }).waitFor({ timeout: 1000 })
    expect(await page.getByLabel('Component label').count()).toBe(0)
  })
})
