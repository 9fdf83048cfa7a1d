import { mkdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

import type { WorkspaceCreated } from '@mockboard/shared'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { joinBoard } from '../helpers/boardPage'
import { browserAvailable, launchBrowser, type TestBrowser } from '../helpers/browser'
import { ensureClientBuilt } from '../helpers/buildClient'
import { createSession, startServer, type TestServer } from '../helpers/server'

const ARTIFACTS = fileURLToPath(new URL('../artifacts/candidate/', import.meta.url))

describe.runIf(browserAvailable())("the interviewer names the session's candidate", () => {
  let server: TestServer
  let browser: TestBrowser

  beforeAll(async () => {
    ensureClientBuilt()
    mkdirSync(ARTIFACTS, { recursive: true })
    server = await startServer({ serveClient: true })
    browser = await launchBrowser()
  }, 180_000)

  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it("offers the workspace's known candidates, saves a pick or a new name", async () => {
    const ws = (await (
      await fetch(`${server.url}/api/workspaces`, { method: 'POST' })
    ).json()) as WorkspaceCreated
    const workspace = { id: ws.id, key: ws.key }
    await createSession(server.url, { workspace, candidate: 'Grace' })
    await createSession(server.url, { workspace, candidate: 'Ada' })
    const session = await createSession(server.url, { workspace, title: 'Round with someone' })
    const stored = async () => (await server.app.context.storage.getSession(session.id))?.candidate

    for (const scheme of ['light', 'dark'] as const) {
      const coach = await joinBoard(browser, server.url, session.links.interviewer, 'Coach', {
        contextOptions: { viewport: { width: 1440, height: 900 }, colorScheme: scheme },
      })
      const { page } = coach
      await page.locator('.mb-right [role="tab"]', { hasText: 'Interviewer' }).click()
      const settings = page.getByTestId('candidate-settings')
      const known = settings.getByTestId('candidate-known').getByRole('button')
      if (scheme === 'light') {
        await expect.poll(() => known.allTextContents()).toEqual(['Ada', 'Grace'])
        // One click on a known name names the candidate.
        await known.filter({ hasText: 'Ada' }).click()
        await expect.poll(() => settings.getByTestId('candidate-status').textContent()).toBe('Saved: Ada')
        expect(await stored()).toBe('Ada')
        // A new name, typed: saved on Enter, and offered from then on.
        await settings.getByTestId('candidate-name').fill('Linus')
        await settings.getByTestId('candidate-name').press('Enter')
        await expect.poll(stored).toBe('Linus')
        await expect.poll(() => known.allTextContents()).toEqual(['Ada', 'Grace', 'Linus'])
      } else {
        // Another page load reads the stored name back.
        await expect.poll(() => settings.getByTestId('candidate-name').inputValue()).toBe('Linus')
        expect(await known.filter({ hasText: 'Linus' }).getAttribute('aria-pressed')).toBe('true')
      }
      await settings.scrollIntoViewIfNeeded()
      await page.screenshot({ path: `${ARTIFACTS}candidate-1440-${scheme}.png` })
      await coach.context.close()
    }
  }, 120_000)
})
