import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { activeTab, center, component, joinBoard, type Participant } from '../helpers/boardPage'
import { browserAvailable, launchBrowser, type TestBrowser } from '../helpers/browser'
import { ensureClientBuilt } from '../helpers/buildClient'
import { type CreatedSession, createSession, startServer, type TestServer } from '../helpers/server'

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
    await component(candidate.page, 'worker')
      .getByText('Fan-out worker', { exact: true })
      .waitFor({ timeout: 3000 })
    await card.getByText('Fan-out worker', { exact: true }).waitFor({ timeout: 1000 })
    expect(await page.getByLabel('Component label').count()).toBe(0)
  })

  it("selecting a component opens its Properties, on the selecting user's page only", async () => {
    const notes = (p: Participant) => p.page.locator('.mb-right [role="tab"]', { hasText: 'Notes' }).click()
    await interviewer.page.locator('.mb-palette__item[data-kind="scheduler"]').click()
    await component(candidate.page, 'scheduler').waitFor()
    await notes(interviewer)
    await notes(candidate)
    // Start from an empty selection (the new card is selected): a click on empty board.
    const canvas = (await interviewer.page.locator('.mb-canvas').boundingBox())!
    const empty = { x: canvas.x + 24, y: canvas.y + canvas.height - 160 }
    await interviewer.page.mouse.click(empty.x, empty.y)
    const card = component(interviewer.page, 'scheduler')
    const at = await center(card)
    await interviewer.page.mouse.click(at.x, at.y)
    await expect.poll(() => activeTab(interviewer.page)).toBe('Properties')
    await interviewer.page.locator('.mb-right [name="technology"]').fill('Airflow')
    // Once the edit made while selected has reached the candidate, their panel has had its chance to move.
    await component(candidate.page, 'scheduler').getByText('Airflow').waitFor()
    expect(await activeTab(candidate.page)).toBe('Notes')

    // Another tab stays chosen while the selection stays; a new selection opens Properties again.
    await notes(interviewer)
    await interviewer.page.mouse.click(empty.x, empty.y)
    expect(await activeTab(interviewer.page)).toBe('Notes')
    await interviewer.page.mouse.click(at.x, at.y)
    await expect.poll(() => activeTab(interviewer.page)).toBe('Properties')
    await notes(interviewer)
    expect(await activeTab(interviewer.page)).toBe('Notes')
    await interviewer.page.locator('.mb-right [role="tab"]', { hasText: 'Properties' }).click()
  })

  it('Enter in the palette search adds the best match', async () => {
    const { page } = interviewer
    const search = page.getByLabel('Search components')
    await search.fill('cache')
    // CDN matches too ("edge cache") and comes first in the library: Enter must still pick Cache.
    await page.locator('.mb-palette__item[data-kind="cdn"]').waitFor()
    await search.press('Enter')
    await component(page, 'cache').waitFor()
    expect(await component(page, 'cdn').count()).toBe(0)
    // The new card is selected and the canvas focused: Delete removes it for the next test.
    await page.keyboard.press('Delete')
    await expect.poll(() => component(page, 'cache').count()).toBe(0)
    await search.fill('')
  })

  it('long names fit their cards on the board and in the exported SVG (screenshots)', async () => {
    const { page } = interviewer
    const add = async (kind: string) => {
      await page.locator(`.mb-palette__item[data-kind="${kind}"]`).click()
      await component(page, kind).waitFor()
    }
    const edit = async (kind: string, fields: Record<string, string>) => {
      const at = await center(component(page, kind))
      await page.mouse.click(at.x, at.y)
      for (const [name, value] of Object.entries(fields))
        await page.locator(`.mb-right [name="${name}"]`).fill(value)
    }
    // A clean board: the layout (which cards are neighbours, where arrows run) is then always the same.
    const canvas = (await page.locator('.mb-canvas').boundingBox())!
    await page.mouse.click(canvas.x + 24, canvas.y + canvas.height - 160)
    await page.keyboard.press('ControlOrMeta+a')
    await page.keyboard.press('Delete')
    await expect.poll(() => page.locator('.mb-component').count()).toBe(0)
    await page.locator('.mb-right [role="tab"]', { hasText: 'Properties' }).click()
    for (const kind of ['message-queue', 'wide-column-db', 'service', 'cache', 'relational-db'])
      await add(kind)
    await page.keyboard.press('Shift+1')
    await edit('wide-column-db', { technology: 'Cassandra', replicas: '3', shardKey: 'conversation_id' })
    await edit('service', { label: 'WebSocket gateway', technology: 'Node.js' })
    await edit('cache', { label: 'Presence cache', technology: 'Redis' })
    await edit('relational-db', { technology: 'PostgreSQL', shardKey: 'user_id' })
    // Leave the field first: keys pressed in it would be typed into the shard key.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur())
    await page.keyboard.press('Escape')
    await page.keyboard.press('Shift+1')
    await connect(page, 'service', 'cache', 'WebSocket')
    await connect(page, 'relational-db', 'message-queue', 'gRPC')
    await page.mouse.click(canvas.x + 24, canvas.y + canvas.height - 160)
    expect(await arrowLabelProblems(page)).toEqual([])

    await page.screenshot({ path: `${ARTIFACTS}cards-light.png`, animations: 'disabled' })
    await page.getByRole('button', { name: 'Switch to dark mode' }).click()
    await page.locator('.tl-theme__dark').first().waitFor()
    await page.screenshot({ path: `${ARTIFACTS}cards-dark.png`, animations: 'disabled' })
    await page.getByRole('button', { name: 'Switch to light mode' }).click()

    const names = [
      'Message queue',
      'Wide-column DB',
      'WebSocket gateway',
      'Presence cache',
      'conversation_id',
      'user_id',
    ]
    expect(await clipped(page, '.tl-canvas', names)).toEqual([])
    // The whole name on hover, even where a card shortens its technology.
    expect(await component(page, 'message-queue').getAttribute('title')).toContain('Message queue')

    const svg = await download(page, 'Board as SVG')
    const png = await download(page, 'Board as PNG')
    writeFileSync(`${ARTIFACTS}cards-export.png`, png)
    // The export draws cards from copied styles and embedded fonts: lay it out again, on its own.
    const view = await browser.newContext()
    try {
      const svgPage = await view.newPage()
      await svgPage.setContent(`<!doctype html><body style="margin:0">${svg.toString('utf8')}</body>`)
      await svgPage.evaluate(() => document.fonts.ready)
      expect(await clipped(svgPage, 'svg', names)).toEqual([])
    } finally {
      await view.close()
    }
  })
})

/** Names among `names` whose innermost element, inside `root`, does not show all of them. */
function clipped(page: Page, root: string, names: string[]): Promise<string[]> {
  return page.evaluate(
    ({ root, names }) => {
      const scope = document.querySelector(root)!
      const result: string[] = []
      for (const name of names) {
        const all = Array.from(scope.querySelectorAll<HTMLElement>('*')).filter(
          (el) => el.textContent?.trim() === name,
        )
        const el =
          all.find((e) => !Array.from(e.children).some((c) => c.textContent?.trim() === name)) ?? null
        if (!el) result.push(`${name}: missing`)
        else if (el.scrollWidth > el.clientWidth + 0.5 || el.scrollHeight > el.clientHeight + 0.5)
          result.push(`${name}: ${el.scrollWidth}×${el.scrollHeight} in ${el.clientWidth}×${el.clientHeight}`)
      }
      return result
    },
    { root, names },
  )
}

/** Draws an arrow from one card to another with the arrow tool and picks its protocol. */
async function connect(page: Page, fromKind: string, toKind: string, protocol: string): Promise<void> {
  const from = await center(component(page, fromKind))
  const to = await center(component(page, toKind))
  await page.keyboard.press('a')
  await page.mouse.move(from.x, from.y)
  await page.mouse.down()
  await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2 + 4, { steps: 5 })
  await page.mouse.move(to.x, to.y, { steps: 5 })
  await page.mouse.up()
  await page.getByRole('button', { name: protocol, exact: true }).click()
  await page.locator('.tl-shape[data-shape-type="arrow"]', { hasText: protocol }).waitFor()
  await page.keyboard.press('v')
}

/** Arrow labels that wrap onto a second line or overlap a card. */
function arrowLabelProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = []
    const cards = Array.from(document.querySelectorAll('.mb-component__card')).map((c) =>
      c.getBoundingClientRect(),
    )
    const labels = Array.from(
      document.querySelectorAll<HTMLElement>('.tl-shape[data-shape-type="arrow"] .tl-text-label'),
    )
    if (labels.length === 0) problems.push('no arrow labels')
    for (const label of labels) {
      const text = label.textContent?.trim() ?? ''
      if (!text) continue
      const range = document.createRange()
      range.selectNodeContents(label)
      const lines = new Set(Array.from(range.getClientRects()).map((r) => Math.round(r.top)))
      if (lines.size > 1) problems.push(`${text}: ${lines.size} lines`)
      const box =
        label.querySelector('.tl-text-label__inner')?.getBoundingClientRect() ?? label.getBoundingClientRect()
      for (const c of cards) {
        const overlap = Math.min(box.right, c.right) - Math.max(box.left, c.left)
        const overlapY = Math.min(box.bottom, c.bottom) - Math.max(box.top, c.top)
        if (overlap > 0 && overlapY > 0)
          problems.push(`${text}: overlaps a card by ${Math.round(overlap)} px`)
      }
    }
    return problems
  })
}

/** Runs an Export menu item and returns the downloaded file. */
async function download(page: Page, item: string): Promise<Buffer> {
  await page.locator('.mb-menu summary', { hasText: 'Export' }).click()
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('menuitem', { name: item }).click(),
  ])
  return readFileSync(await file.path())
}
