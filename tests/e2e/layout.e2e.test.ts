import { mkdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

import { joinBoard, type Participant } from '../helpers/boardPage'
import { browserAvailable, launchBrowser, type TestBrowser } from '../helpers/browser'
import { ensureClientBuilt } from '../helpers/buildClient'
import { type CreatedSession, createSession, startServer, type TestServer } from '../helpers/server'

const ARTIFACTS = fileURLToPath(new URL('../artifacts/', import.meta.url))

type Joined = Pick<Participant, 'context' | 'page'>

/** What the document itself scrolls, as opposed to the panels inside it. */
const PAGE_SCROLL = `(() => {
  const el = document.scrollingElement
  return { top: el.scrollTop, left: el.scrollLeft, height: el.scrollHeight, width: el.scrollWidth,
    viewportHeight: innerHeight, viewportWidth: innerWidth }
})()`

/** Whether the element is drawn inside the viewport (not slid off-screen or hidden). */
const inViewport = async (page: Page, selector: string) =>
  page.locator(selector).evaluate((el) => {
    const r = el.getBoundingClientRect()
    const visible = getComputedStyle(el).visibility !== 'hidden' && r.width > 0 && r.height > 0
    return visible && r.right > 1 && r.left < innerWidth - 1
  })

describe.runIf(browserAvailable())('the room layout on every screen', () => {
  let server: TestServer
  let browser: TestBrowser
  let session: CreatedSession

  async function join(link: string, name: string, viewport = { width: 1440, height: 900 }): Promise<Joined> {
    const joined = await joinBoard(browser, server.url, link, name, {
      contextOptions: { viewport, colorScheme: 'light' },
    })
    joined.page.setDefaultTimeout(20_000)
    return joined
  }

  beforeAll(async () => {
    ensureClientBuilt()
    mkdirSync(ARTIFACTS, { recursive: true })
    server = await startServer({ serveClient: true })
    session = await createSession(server.url, { title: 'Design a chat app', problemId: 'chat' })
    browser = await launchBrowser()
  })

  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it('never scrolls the page: Space and the wheel with each tab open leave it at the top', async () => {
    const { page, context } = await join(session.links.interviewer, 'Ada', { width: 1440, height: 900 })
    try {
      const canvas = (await page.locator('.mb-canvas').boundingBox())!
      for (const tab of ['Properties', 'Notes', 'Interviewer']) {
        await page.getByRole('tab', { name: tab }).click()
        if (tab === 'Interviewer') await page.getByText('Share report with candidate').waitFor()
        const body = page.locator('.mb-right__body:not([hidden])')
        // Space is tldraw's (and Figma's) pan gesture: it must never scroll the page itself.
        await page.mouse.click(canvas.x + canvas.width / 2, canvas.y + canvas.height - 80)
        await page.keyboard.down('Space')
        await page.keyboard.up('Space')
        await page.keyboard.press('Space')
        const wheelOver = async (
          box: { x: number; y: number; width: number; height: number },
          dy: number,
        ) => {
          await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
          await page.mouse.wheel(0, dy)
        }
        await wheelOver(canvas, 1500)
        const panel = (await body.boundingBox())!
        await wheelOver(panel, 4000)
        const scrollable = await body.evaluate((el) => el.scrollHeight > el.clientHeight)
        // The wheel was handled once the panel scrolled (when it has anything to scroll): the panel
        // itself, or what sits under the pointer inside it (the notes editor scrolls on its own).
        const scrolledInside = (el: Element) =>
          el.scrollTop > 0 ||
          Array.prototype.some.call(el.querySelectorAll('*'), (child: Element) => child.scrollTop > 0)
        if (scrollable)
          await vi.waitFor(
            async () =>
              expect({ tab, scrolled: await body.evaluate(scrolledInside) }).toEqual({ tab, scrolled: true }),
            {
              timeout: 5000,
            },
          )
        await wheelOver(panel, 4000)
        const scroll = await page.evaluate<Record<string, number>>(PAGE_SCROLL)
        expect({ tab, top: scroll.top, height: scroll.height }).toEqual({
          tab,
          top: 0,
          height: scroll.viewportHeight,
        })
        expect(scroll.width).toBe(scroll.viewportWidth)
        await body.evaluate((el) => el.scrollTo(0, 0))
      }
    } finally {
      await context.close()
    }
  }, 90_000)

  it('on a phone the board takes the width; the library and the panel are drawers', async () => {
    const { page, context } = await join(session.links.candidate, 'Grace', { width: 390, height: 844 })
    try {
      const scroll = await page.evaluate<Record<string, number>>(PAGE_SCROLL)
      expect(scroll.width).toBe(390)
      expect(scroll.height).toBe(844)
      const canvas = (await page.locator('.mb-canvas').boundingBox())!
      expect(canvas.width).toBeGreaterThanOrEqual(0.9 * 390)
      expect(await inViewport(page, '.mb-palette')).toBe(false)
      expect(await inViewport(page, '.mb-right')).toBe(false)

      await page.getByRole('button', { name: 'Components' }).click()
      await vi.waitFor(async () => expect(await inViewport(page, '.mb-palette')).toBe(true), {
        timeout: 5000,
      })
      await page.locator('.mb-palette__item[data-kind="cache"]').waitFor({ state: 'visible' })
      await page.keyboard.press('Escape')
      await vi.waitFor(async () => expect(await inViewport(page, '.mb-palette')).toBe(false), {
        timeout: 5000,
      })

      await page.getByRole('button', { name: 'Side panel' }).click()
      await vi.waitFor(async () => expect(await inViewport(page, '.mb-right')).toBe(true), { timeout: 5000 })
      await page.getByTestId('timer').waitFor({ state: 'visible' })
      // A tap on the board beside the drawer closes it.
      await page.mouse.click(20, 400)
      await vi.waitFor(async () => expect(await inViewport(page, '.mb-right')).toBe(false), { timeout: 5000 })
      expect((await page.evaluate<Record<string, number>>(PAGE_SCROLL)).width).toBe(390)
    } finally {
      await context.close()
    }
  }, 90_000)

  it("shows tldraw's style panel only while a shape it styles is selected", async () => {
    const { page, context } = await join(session.links.interviewer, 'Ada', { width: 1440, height: 900 })
    try {
      const stylePanel = page.getByTestId('style.panel')
      const canvas = (await page.locator('.mb-canvas').boundingBox())!
      await page.mouse.click(canvas.x + 200, canvas.y + 200)
      await page.keyboard.press('Escape')
      expect(await stylePanel.count()).toBe(0)

      // A rectangle (a native geo shape) is styled by the panel.
      await page.keyboard.press('r')
      await page.mouse.move(canvas.x + 300, canvas.y + 300)
      await page.mouse.down()
      await page.mouse.move(canvas.x + 400, canvas.y + 380, { steps: 4 })
      await page.mouse.up()
      await stylePanel.waitFor({ state: 'visible' })
      await page.keyboard.press('Escape')
      await stylePanel.waitFor({ state: 'detached' })

      // Our components have their own Properties tab instead.
      await page.locator('.mb-palette__item[data-kind="relational-db"]').click()
      await page.locator('.mb-component[data-kind="relational-db"]').waitFor()
      await page.getByRole('tab', { name: 'Properties' }).click()
      await page.locator('.mb-right [name="technology"]').waitFor()
      expect(await stylePanel.count()).toBe(0)
    } finally {
      await context.close()
    }
  }, 90_000)

  it('draws pattern-fill tiles only once a shape has a pattern fill, and that shape shows them', async () => {
    const { page, context } = await join(session.links.interviewer, 'Ada', { width: 1440, height: 900 })
    try {
      const ready = page.locator('[data-testid="ready-pattern-fill-defs"]')
      const canvas = (await page.locator('.mb-canvas').boundingBox())!
      await page.keyboard.press('r')
      await page.mouse.move(canvas.x + 500, canvas.y + 300)
      await page.mouse.down()
      await page.mouse.move(canvas.x + 620, canvas.y + 400, { steps: 4 })
      await page.mouse.up()
      await page.getByTestId('style.panel').waitFor({ state: 'visible' })
      // tldraw would have drawn the tiles for every zoom level as the board mounted.
      expect(await ready.count()).toBe(0)

      await page.getByTestId('style.fill-extra').click()
      await page.getByTestId('style.fill-extra.pattern').click()
      await ready.waitFor({ state: 'attached' })
      // The rectangle's fill names a pattern that is now in the page.
      await vi.waitFor(
        async () =>
          expect(
            await page.evaluate(() =>
              Array.from(document.querySelectorAll('.tl-shape [fill^="url(#"]')).some((el) => {
                const id = /url\(#(.+)\)/.exec(el.getAttribute('fill') ?? '')?.[1]
                return !!id && document.getElementById(id)?.tagName.toLowerCase() === 'pattern'
              }),
            ),
          ).toBe(true),
        { timeout: 10_000 },
      )
    } finally {
      await context.close()
    }
  }, 90_000)

  it("leaves the coach's tabs most of the height at 1280×720", async () => {
    const { page, context } = await join(session.links.interviewer, 'Ada', { width: 1280, height: 720 })
    try {
      await page.getByRole('tab', { name: 'Interviewer' }).click()
      await page.getByText('Share report with candidate').waitFor()
      const body = (await page.locator('.mb-right__body:not([hidden])').boundingBox())!
      // Was ~150 px with the timer, the open problem and "Here now" stacked above the tabs.
      expect(body.height).toBeGreaterThan(360)
      // The problem stays one click away.
      await page.getByTestId('problem').getByRole('button').click()
      await page
        .getByTestId('problem')
        .getByText('Suggested scale', { exact: false })
        .or(page.locator('.mb-problem__body'))
        .first()
        .waitFor()
    } finally {
      await context.close()
    }
  }, 90_000)
})
