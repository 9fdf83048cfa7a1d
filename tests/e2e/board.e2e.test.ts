import { mkdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

import { center, component, joinBoard, type Participant, waitLive } from '../helpers/boardPage'
import { browserAvailable, launchBrowser, type TestBrowser } from '../helpers/browser'
import { ensureClientBuilt } from '../helpers/buildClient'
import { type CreatedSession, createSession, startServer, type TestServer } from '../helpers/server'

const ARTIFACTS = fileURLToPath(new URL('../artifacts/', import.meta.url))

describe.runIf(browserAvailable())('board in the browser', () => {
  let server: TestServer
  let browser: TestBrowser
  let session: CreatedSession
  let interviewer: Participant
  let candidate: Participant

  async function join(link: string, name: string | null): Promise<Participant> {
    const joined = await joinBoard(browser, server.url, link, name)
    // The session opens on the Notes tab; these tests work with component properties.
    await joined.page.locator('.mb-right [role="tab"]', { hasText: 'Properties' }).click()
    return joined
  }

  beforeAll(async () => {
    ensureClientBuilt()
    mkdirSync(ARTIFACTS, { recursive: true })
    server = await startServer({ serveClient: true })
    session = await createSession(server.url, { title: 'Design a URL shortener' })
    browser = await launchBrowser()
    interviewer = await join(session.links.interviewer, 'Ada')
    candidate = await join(session.links.candidate, 'Grace')
  })

  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it('keeps the token out of the address bar and loads nothing from other origins', async () => {
    expect(interviewer.page.url()).toBe(`${server.url}/s/${session.id}`)
    expect(await interviewer.page.evaluate('location.hash')).toBe('')
    expect(interviewer.blocked).toEqual([])
    expect(candidate.blocked).toEqual([])
    // tldraw's UI icons render from our bundle (a blocked sprite would leave them empty).
    const icon = interviewer.page.locator('.tlui-toolbar .tlui-icon').first()
    await expect
      .poll(() =>
        icon.evaluate((el) => {
          const style = getComputedStyle(el)
          return style.maskImage || style.getPropertyValue('-webkit-mask-image')
        }),
      )
      .toMatch(/url\(/)
    await expect.poll(() => interviewer.page.evaluate("document.fonts.check('16px tldraw_sans')")).toBe(true)
  })

  it('a component dragged from the palette appears on the other side within a second', async () => {
    // Each page stamps the moment the card renders; both run on this machine's clock, so the
    // difference is the sync latency, measured rather than bounded by a wait's timeout.
    const stampArrival = (page: Page) =>
      page.evaluate(() => {
        const w = window as unknown as { arrived: Promise<number> }
        w.arrived = new Promise<number>((resolve) => {
          const observer = new MutationObserver(() => {
            if (!document.querySelector('.mb-component[data-kind="load-balancer"]')) return
            observer.disconnect()
            resolve(Date.now())
          })
          observer.observe(document.body, { childList: true, subtree: true })
        })
      })
    const arrival = (page: Page) =>
      page.evaluate(() => (window as unknown as { arrived: Promise<number> }).arrived)
    await stampArrival(interviewer.page)
    await stampArrival(candidate.page)
    await interviewer.page.dragAndDrop('.mb-palette__item[data-kind="load-balancer"]', '.mb-canvas', {
      targetPosition: { x: 260, y: 240 },
    })
    const latency = (await arrival(candidate.page)) - (await arrival(interviewer.page))
    console.log(`drop → shown on the other side after ${latency} ms`)
    expect(latency).toBeLessThan(1000)
    await component(candidate.page, 'load-balancer').getByText('Load balancer').waitFor()
    expect(await component(interviewer.page, 'load-balancer').count()).toBe(1)
  })

  it("another tab's edits reach the board only through the server (no BroadcastChannel)", async () => {
    const tabs = await createSession(server.url, { title: 'Two tabs' })
    const coach = await joinBoard(browser, server.url, tabs.links.interviewer, 'Coach')
    // This tab's board edits never reach the server (a dead uplink: what the server refuses or
    // never gets); what the server sends still arrives, so the tab stays Live.
    let uplink = true
    const cutOff = await joinBoard(browser, server.url, tabs.links.candidate, 'Cam', {
      beforeGoto: (page) =>
        page.routeWebSocket(/\/sync\/[^/]+\/board/, (ws) => {
          const server = ws.connectToServer()
          ws.onMessage((message) => {
            if (uplink) server.send(message)
          })
        }),
    })
    // Same browser profile: y-websocket's BroadcastChannel would link these two tabs directly.
    const sibling = await joinBoard(browser, server.url, tabs.links.candidate, null, { tabOf: cutOff })
    try {
      uplink = false
      await cutOff.page.locator('.mb-palette__item[data-kind="cache"]').click()
      await component(cutOff.page, 'cache').waitFor()
      // A later edit that travels through the server reaches both tabs; a BroadcastChannel
      // message sent before it would have arrived by then.
      await coach.page.locator('.mb-palette__item[data-kind="dns"]').click()
      await component(sibling.page, 'dns').waitFor()
      await component(cutOff.page, 'dns').waitFor()
      expect(await component(sibling.page, 'cache').count()).toBe(0)
      expect(await component(coach.page, 'cache').count()).toBe(0)
      expect(await component(sibling.page, 'dns').count()).toBe(1)
    } finally {
      await coach.context.close()
      await cutOff.context.close()
    }
  }, 120_000)

  it('renames by double-click, connects with an arrow, and the other side follows a move', async () => {
    const { page } = interviewer
    const lb = component(page, 'load-balancer')
    const lbCenter = await center(lb)
    await page.mouse.dblclick(lbCenter.x, lbCenter.y)
    const input = page.getByLabel('Component label')
    await input.fill('Edge LB')
    await input.press('Enter')
    await component(candidate.page, 'load-balancer').getByText('Edge LB').waitFor({ timeout: 2000 })

    await page.dragAndDrop('.mb-palette__item[data-kind="web-server"]', '.mb-canvas', {
      targetPosition: { x: 620, y: 240 },
    })
    const web = component(page, 'web-server')
    await web.waitFor()
    await page.keyboard.press('Escape')

    const from = await center(lb)
    const to = await center(web)
    await page.keyboard.press('a')
    await page.mouse.move(from.x, from.y)
    await page.mouse.down()
    await page.mouse.move((from.x + to.x) / 2, from.y + 10, { steps: 5 })
    await page.mouse.move(to.x, to.y, { steps: 5 })
    await page.mouse.up()
    await page.getByRole('button', { name: 'REST', exact: true }).click()

    const remoteArrow = candidate.page.locator('.tl-shape[data-shape-type="arrow"]')
    await remoteArrow.waitFor({ timeout: 2000 })
    await candidate.page
      .locator('.tl-shape[data-shape-type="arrow"]')
      .getByText('REST')
      .waitFor({ timeout: 2000 })
    const arrowBefore = (await remoteArrow.boundingBox())!
    const lbBefore = await center(component(candidate.page, 'load-balancer'))

    // Move the load balancer down: the candidate sees it move, and the bound arrow follows.
    await page.keyboard.press('v')
    await page.keyboard.press('Escape')
    const grab = await center(lb)
    await page.mouse.move(grab.x - 40, grab.y)
    await page.mouse.down()
    await page.mouse.move(grab.x - 40, grab.y + 100, { steps: 6 })
    await page.mouse.move(grab.x - 40, grab.y + 200, { steps: 6 })
    await page.mouse.up()

    await vi.waitFor(
      async () => {
        const lbAfter = await center(component(candidate.page, 'load-balancer'))
        expect(lbAfter.y - lbBefore.y).toBeGreaterThan(180)
        const arrowAfter = (await remoteArrow.boundingBox())!
        expect(arrowAfter.height).toBeGreaterThan(arrowBefore.height + 60)
      },
      { timeout: 3000 },
    )
  })

  it("shows the other participant's cursor and name", async () => {
    const box = (await interviewer.page.locator('.mb-canvas').boundingBox())!
    await interviewer.page.mouse.move(box.x + 400, box.y + 500, { steps: 4 })
    await interviewer.page.mouse.move(box.x + 420, box.y + 520, { steps: 4 })
    await candidate.page.locator('.tl-nametag', { hasText: 'Ada' }).waitFor({ timeout: 3000 })
  })

  it('an observer sees everything but cannot change anything', async () => {
    const observer = await join(session.links.observer, 'Olive')
    try {
      const { page } = observer
      await component(page, 'load-balancer').getByText('Edge LB').waitFor()
      await expect.poll(() => page.locator('.mb-role').textContent()).toBe('observer')
      expect(await page.locator('.mb-palette__item').first().isDisabled()).toBe(true)

      const lb = component(page, 'load-balancer')
      const before = await center(lb)
      await page.mouse.click(before.x, before.y)
      await page.keyboard.press('Delete')
      await page.mouse.dblclick(before.x, before.y)
      expect(await page.getByLabel('Component label').count()).toBe(0)
      await page.mouse.move(before.x, before.y)
      await page.mouse.down()
      await page.mouse.move(before.x + 150, before.y + 150, { steps: 6 })
      await page.mouse.up()

      // A later edit by the interviewer reaching the observer proves the connection is live;
      // by then nothing the observer tried has changed anyone's board.
      await interviewer.page.locator('.mb-palette__item[data-kind="dns"]').click()
      await component(page, 'dns').waitFor({ timeout: 3000 })
      await component(candidate.page, 'dns').waitFor({ timeout: 3000 })
      expect(await component(interviewer.page, 'load-balancer').count()).toBe(1)
      expect(await component(page, 'load-balancer').count()).toBe(1)
      const after = await center(lb)
      expect(Math.abs(after.x - before.x) + Math.abs(after.y - before.y)).toBeLessThan(2)
    } finally {
      await observer.context.close()
    }
  })

  it('exports the board as SVG', async () => {
    const { page } = interviewer
    await page.locator('.mb-menu summary', { hasText: 'Export' }).click()
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('menuitem', { name: 'Board as SVG' }).click(),
    ])
    expect(download.suggestedFilename()).toMatch(/\.svg$/)
    const svg = readFileSync(await download.path(), 'utf8')
    expect(svg).toContain('<svg')
    expect(svg).toContain('Edge LB')
  })

  it('a reload keeps the board, the name and the session', async () => {
    await candidate.page.reload()
    await waitLive(candidate.page)
    await component(candidate.page, 'load-balancer').getByText('Edge LB').waitFor()
    await candidate.page.locator('.tl-shape[data-shape-type="arrow"]').getByText('REST').waitFor()
    expect(await component(candidate.page, 'web-server').count()).toBe(1)
    expect(await component(candidate.page, 'dns').count()).toBe(1)
  })

  it('a dozen components look right in light and dark mode (screenshots)', async () => {
    const { page } = interviewer
    const kinds = [
      'web-browser',
      'mobile-app',
      'cdn',
      'api-gateway',
      'service',
      'worker',
      'cache',
      'relational-db',
      'message-queue',
      'object-storage',
      'auth-service',
    ]
    for (const kind of kinds) await page.locator(`.mb-palette__item[data-kind="${kind}"]`).click()
    await expect.poll(() => page.locator('.mb-component').count()).toBe(3 + kinds.length)

    // Fit everything in view: a shape clipped by the canvas edge can't be clicked.
    await page.keyboard.press('Shift+1')
    const edit = async (kind: string, fields: Record<string, string>) => {
      const at = await center(component(page, kind))
      await page.mouse.click(at.x, at.y)
      for (const [name, value] of Object.entries(fields))
        await page.locator(`.mb-right [name="${name}"]`).fill(value)
    }
    await edit('relational-db', { technology: 'PostgreSQL', replicas: '3', shardKey: 'user_id' })
    await edit('cache', { technology: 'Redis', replicas: '2' })
    await edit('service', { label: 'URL service', technology: 'Go', replicas: '4' })
    await edit('message-queue', { technology: 'SQS' })
    await page.keyboard.press('Escape')
    await page.locator('.mb-palette__item[data-kind="region"]').click()
    await page.keyboard.press('Escape')
    await page.keyboard.press('Shift+1')
    await expect.poll(() => interviewer.errors).toEqual([])

    const light = await cardLooks(page)
    await page.screenshot({ path: `${ARTIFACTS}board-light.png`, animations: 'disabled' })
    await page.getByRole('button', { name: 'Switch to dark mode' }).click()
    await page.locator('.tl-theme__dark').first().waitFor()
    const dark = await cardLooks(page)
    await page.screenshot({ path: `${ARTIFACTS}board-dark.png`, animations: 'disabled' })

    for (const [theme, cards] of [
      ['light', light],
      ['dark', dark],
    ] as const) {
      expect(cards, theme).toHaveLength(3 + kinds.length)
      for (const card of cards) {
        const where = `${theme} ${card.kind}`
        // Readable: label and technology against the card (WCAG AA for text), nothing cut off.
        expect(card.labelContrast, where).toBeGreaterThanOrEqual(4.5)
        if (card.techContrast !== null) expect(card.techContrast, where).toBeGreaterThanOrEqual(4.5)
        expect(card.clipped, where).toEqual([])
        // The zoom to fit shows every card whole.
        expect(card.inView, where).toBe(true)
      }
      // Cards never sit on one another.
      for (const [i, a] of cards.entries())
        for (const b of cards.slice(i + 1))
          expect(overlaps(a.box, b.box), `${theme}: ${a.kind} over ${b.kind}`).toBe(false)
      const byKind = new Map(cards.map((c) => [c.kind, c.text]))
      expect(byKind.get('relational-db')).toEqual(expect.arrayContaining(['PostgreSQL', 'user_id', '×3']))
      expect(byKind.get('cache')).toEqual(expect.arrayContaining(['Redis', '×2']))
      expect(byKind.get('service')).toEqual(expect.arrayContaining(['URL service', 'Go', '×4']))
      expect(byKind.get('message-queue')).toEqual(expect.arrayContaining(['SQS']))
    }
    // The theme reaches the cards: a light card in light mode, a dark one in dark mode.
    expect(Math.min(...light.map((c) => c.cardLuminance))).toBeGreaterThan(0.8)
    expect(Math.max(...dark.map((c) => c.cardLuminance))).toBeLessThan(0.1)
    await page.getByRole('button', { name: 'Switch to light mode' }).click()
  })
})

interface CardLook {
  kind: string
  box: { x: number; y: number; width: number; height: number }
  text: string[]
  cardLuminance: number
  labelContrast: number
  techContrast: number | null
  /** Texts whose content is wider or taller than their box (cut off or ellipsised). */
  clipped: string[]
  inView: boolean
}

const overlaps = (a: CardLook['box'], b: CardLook['box']) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height

/** What a person sees of every card: its texts, colours as rendered (any CSS colour syntax), bounds. */
function cardLooks(page: Page): Promise<CardLook[]> {
  return page.evaluate(() => {
    const canvas = document.createElement('canvas').getContext('2d')!
    const rgb = (color: string) => {
      canvas.clearRect(0, 0, 1, 1)
      canvas.fillStyle = color
      canvas.fillRect(0, 0, 1, 1)
      return Array.from(canvas.getImageData(0, 0, 1, 1).data.slice(0, 3))
    }
    const luminance = (color: string) => {
      const [r, g, b] = rgb(color).map((v) => {
        const c = v / 255
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
      })
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!
    }
    const contrast = (fg: string, bg: string) => {
      const [hi, lo] = [luminance(fg), luminance(bg)].sort((x, y) => y - x)
      return (hi! + 0.05) / (lo! + 0.05)
    }
    const viewport = document.querySelector('.tl-canvas')!.getBoundingClientRect()
    return Array.from(document.querySelectorAll<HTMLElement>('.mb-component')).map((el) => {
      const card = el.querySelector('.mb-component__card') as HTMLElement
      const background = getComputedStyle(card).backgroundColor
      const colorOf = (sel: string) => {
        const t = el.querySelector(sel)
        return t ? contrast(getComputedStyle(t).color, background) : null
      }
      const texts = Array.from(
        el.querySelectorAll<HTMLElement>(
          '.mb-component__label, .mb-component__tech, .mb-component__shard span, .mb-component__badge',
        ),
      )
      const box = card.getBoundingClientRect()
      return {
        kind: el.dataset.kind ?? '',
        box: { x: box.x, y: box.y, width: box.width, height: box.height },
        text: texts.map((t) => t.textContent ?? ''),
        cardLuminance: luminance(background),
        labelContrast: colorOf('.mb-component__label')!,
        techContrast: colorOf('.mb-component__tech'),
        clipped: texts
          .filter((t) => t.scrollWidth > t.clientWidth + 1 || t.scrollHeight > t.clientHeight + 1)
          .map((t) => t.textContent ?? ''),
        inView:
          box.left >= viewport.left &&
          box.right <= viewport.right &&
          box.top >= viewport.top &&
          box.bottom <= viewport.bottom,
      }
    })
  })
}
