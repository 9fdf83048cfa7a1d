import { mkdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

import {
  addBookmark,
  applyTimerAction,
  DEFAULT_PHASES,
  initialTimer,
  interviewStartedAt,
  openBoardRecords,
  type SessionHistory,
  type TimerAction,
  type TimerState,
  writeBoardSchema,
  writeTimer,
} from '@mockboard/shared'
import type { Page } from 'playwright-core'
import { createTLStore, getIndexAbove, type IndexKey, type TLRecord } from 'tldraw'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

import { createBoardSchema } from '../../client/src/shapes/schema'
import { componentShape } from '../bench/replay/records'
import { Rng } from '../bench/replay/rng'
import { browserAvailable, launchBrowser, type TestBrowser } from '../helpers/browser'
import { ensureClientBuilt } from '../helpers/buildClient'
import { type CreatedSession, createSession, startServer, type TestServer } from '../helpers/server'
import { connectClient, type YClient } from '../helpers/yclient'

const ARTIFACTS = fileURLToPath(new URL('../artifacts/', import.meta.url))

/** Page loads take tens of seconds on a machine busy with other test runs. */
describe.runIf(browserAvailable())('replay deep links, keys and the shared view', () => {
  let server: TestServer
  let browser: TestBrowser
  let session: CreatedSession
  const clients: YClient[] = []
  const errors: string[] = []
  let history: SessionHistory
  /** The clock's 0:00: `?t=` counts from here. */
  let origin = 0

  const stored = async () => (await server.app.context.storage.listUpdates(session.id)).length
  /** Waits until the server stored `count` updates and the clock moved on, so steps get distinct instants. */
  async function settle(count: number) {
    await vi.waitFor(async () => expect(await stored()).toBeGreaterThanOrEqual(count))
    const last = (await server.app.context.storage.listUpdates(session.id)).at(-1)!.at
    await vi.waitFor(() => expect(Date.now()).toBeGreaterThan(last + 20))
  }

  /** Three phases, one component each, a private bookmark in the second. */
  async function record() {
    const control = connectClient(server.syncUrl, session.id, 'control', session.tokens.interviewer)
    const board = connectClient(server.syncUrl, session.id, 'board', session.tokens.candidate)
    const priv = connectClient(server.syncUrl, session.id, 'private', session.tokens.interviewer)
    clients.push(control, board, priv)
    await Promise.all([control.synced, board.synced, priv.synced])
    let state: TimerState = initialTimer()
    const act = (action: TimerAction) => {
      const result = applyTimerAction(DEFAULT_PHASES, state, action, Date.now())!
      state = result.state
      writeTimer(control.doc, state, result.event)
    }
    const store = createTLStore({ schema: createBoardSchema() })
    const kv = openBoardRecords<TLRecord>(board.doc)
    const rng = new Rng(5)
    let top: IndexKey | null = null
    const put = (label: string, x: number) => {
      const shape = componentShape(rng, (top = getIndexAbove(top)), x, 0) as unknown as TLRecord & {
        props: Record<string, unknown>
      }
      const record = { ...shape, props: { ...shape.props, label } } as unknown as TLRecord
      store.put([record])
      board.doc.transact(() => kv.set(record.id, record))
    }
    let count = await stored()
    act({ type: 'start' })
    board.doc.transact(() => {
      for (const r of Object.values(store.serialize('document'))) kv.set(r.id, r)
      writeBoardSchema(board.doc, store.schema.serialize())
    })
    put('Gateway', 0)
    await settle((count += 3))
    act({ type: 'next' })
    await settle((count += 1))
    put('Queue', 300)
    addBookmark(priv.doc, { id: 'b1', at: Date.now(), phaseIndex: 1, label: 'Private remark' })
    await settle((count += 2))
    act({ type: 'next' })
    await settle((count += 1))
    put('Worker', 600)
    await settle((count += 1))
    act({ type: 'end' })
    await settle(count + 1)
  }

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true })
    ensureClientBuilt()
    server = await startServer({ serveClient: true })
    session = await createSession(server.url, { title: 'Design a job queue' })
    await record()
    const res = await fetch(`${server.url}/api/sessions/${session.id}/history`, {
      headers: { authorization: `Bearer ${session.tokens.interviewer}` },
    })
    history = (await res.json()) as SessionHistory
    origin = interviewStartedAt(history.timerEvents)!
    browser = await launchBrowser()
  })

  afterAll(async () => {
    for (const c of clients.splice(0)) c.destroy()
    await browser?.close()
    await server?.close()
  })

  async function open(token: string, path: string, size = { width: 1440, height: 900 }): Promise<Page> {
    const context = await browser.newContext({ viewport: size })
    const page = await context.newPage()
    page.setDefaultTimeout(30_000)
    page.on('pageerror', (e) => errors.push(e.message))
    await page.goto(`${server.url}/s/${session.id}/${path}#token=${token}`)
    await page.locator('.rp-page[data-shown-at], .rr-page, [role="alert"]').first().waitFor()
    return page
  }
  const shown = (page: Page) => page.locator('.rp-page').getAttribute('data-shown-at').then(Number)
  const attr = (page: Page, name: string) => page.locator('.rp-page').getAttribute(name).then(Number)
  const offsetInAddress = (page: Page) => new URL(page.url()).searchParams.get('t')
  // The board is drawn after the instant is shown: on a loaded machine that can take over a second.
  const POLL = { timeout: 10_000 }
  const labels = (page: Page) =>
    page
      .locator('.tl-shape .mb-component__label')
      .allTextContents()
      .then((l) => l.sort())

  it('opens at ?t= and the address follows the scrubber without new history entries', async () => {
    const second = history.phases[1]!.start!
    const page = await open(session.tokens.interviewer, `replay?t=${second - origin + 5}`)
    await vi.waitFor(async () => expect(await shown(page)).toBe(second + 5), 20_000)
    await expect.poll(() => labels(page), POLL).toEqual(['Gateway'])
    expect(page.url()).not.toContain('token=')
    const entries = await page.evaluate(() => window.history.length)

    await page.keyboard.press('End')
    const end = await attr(page, 'data-end')
    await vi.waitFor(() => expect(offsetInAddress(page)).toBe(String(end - origin)))
    await page.keyboard.press('Home')
    const start = await attr(page, 'data-start')
    await vi.waitFor(() => expect(offsetInAddress(page)).toBe(String(start - origin)))
    expect(await page.evaluate(() => window.history.length)).toBe(entries)

    // A reload of the followed address opens where the user was.
    await page.keyboard.press(']')
    await page.keyboard.press(']')
    await vi.waitFor(async () => expect(offsetInAddress(page)).toBe(String((await shown(page)) - origin)))
    const at = await shown(page)
    await page.reload()
    await page.locator('.rp-page[data-shown-at]').waitFor()
    await vi.waitFor(async () => expect(await shown(page)).toBe(at))
    expect(errors).toEqual([])
    await page.context().close()
  }, 150_000)

  it('opened at its end, asks for the history and the final board before its own code is in; a deep link only for the history', async () => {
    const finalBoard = (url: string) => new URL(url).pathname.endsWith('/board')
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } })
    context.on('weberror', (e) => errors.push(e.error().message))
    const asked: string[] = []
    context.on('request', (r) => finalBoard(r.url()) && asked.push(r.url()))
    const segmentsAskedAt: number[] = []
    context.on('request', (r) => r.url().includes('/steps?') && segmentsAskedAt.push(Date.now()))
    // The app's entry script asks for the history itself, before the replay page's chunk loads.
    const order: string[] = []
    context.on('request', (r) => {
      const url = r.url()
      if (url.includes('/history?')) order.push('history')
      else if (/\/assets\/replay-[^/]*\.js$/.test(url)) order.push('page chunk')
    })
    // The history is held until the final board is asked for: without the early fetch the
    // page never opens.
    let askedEarly!: () => void
    const finalAsked = new Promise<void>((resolve) => (askedEarly = resolve))
    context.on('request', (r) => finalBoard(r.url()) && askedEarly())
    await context.route('**/history?*', async (route) => {
      await finalAsked
      await route.continue()
    })
    const page = await context.newPage()
    await page.goto(`${server.url}/s/${session.id}/replay#token=${session.tokens.interviewer}`)
    await page.locator('.rp-page[data-shown-at]').waitFor({ timeout: 30_000 })
    await vi.waitFor(async () => expect(await shown(page)).toBe(await attr(page, 'data-end')), 20_000)
    await expect.poll(() => labels(page), POLL).toEqual(['Gateway', 'Queue', 'Worker'])
    expect(asked).toHaveLength(1)
    expect(order).toEqual(['history', 'page chunk'])
    // The final board came from /board: the log is read once the first instant is painted, not
    // while the page draws it.
    const paintedAt = await page.evaluate(
      () => performance.timeOrigin + performance.getEntriesByName('replay:painted')[0]!.startTime,
    )
    expect(segmentsAskedAt.filter((at) => at < paintedAt)).toEqual([])

    // A deep link's instant is found on the history's timeline: nothing is fetched before it.
    asked.length = 0
    const second = history.phases[1]!.start!
    const linked = await context.newPage()
    await linked.goto(
      `${server.url}/s/${session.id}/replay?t=${second - origin + 5}#token=${session.tokens.interviewer}`,
    )
    await vi.waitFor(async () => expect(await shown(linked)).toBe(second + 5), 30_000)
    await expect.poll(() => labels(linked), POLL).toEqual(['Gateway'])
    expect(asked).toEqual([])
    expect(errors).toEqual([])
    await context.close()
  }, 150_000)

  it('keys: [ ] step through phases and bookmarks, shift+arrows a minute, help lists them', async () => {
    const page = await open(session.tokens.interviewer, 'replay')
    const start = await attr(page, 'data-start')
    const end = await attr(page, 'data-end')
    await vi.waitFor(async () => expect(await shown(page)).toBe(end))
    await page.keyboard.press('Shift+ArrowLeft')
    await vi.waitFor(async () => expect(await shown(page)).toBe(Math.max(start, end - 60_000)))
    await page.keyboard.press('Shift+ArrowRight')
    await vi.waitFor(async () => expect(await shown(page)).toBe(end))
    await page.keyboard.press('ArrowLeft')
    await vi.waitFor(async () => expect(await shown(page)).toBe(Math.max(start, end - 5_000)))

    await page.keyboard.press('Home')
    const marks: number[] = []
    for (let i = 0; i < 3; i++) {
      await page.keyboard.press(']')
      await vi.waitFor(async () => expect(await shown(page)).toBeGreaterThan(marks.at(-1) ?? start))
      marks.push(await shown(page))
    }
    // Phase 2 starts, the bookmark inside it, phase 3 starts.
    expect(marks[0]! - history.phases[1]!.start!).toBeLessThan(1_000)
    // (Marks snap to the stored instant at or before them, as phase rows do.)
    expect(Math.abs(marks[1]! - history.bookmarks![0]!.at)).toBeLessThan(1_000)
    await page.keyboard.press('[')
    await vi.waitFor(async () => expect(await shown(page)).toBeLessThan(marks[2]!))

    await page.getByRole('button', { name: 'Previous phase or bookmark' }).waitFor()
    expect(
      await page.getByRole('button', { name: 'Previous phase or bookmark' }).getAttribute('title'),
    ).toContain('[')
    await page.locator('.rp-keys summary').click()
    const help = page.locator('.rp-keys-list')
    await help.waitFor()
    expect(await help.textContent()).toContain('1 minute back / forward')
    expect(await help.textContent()).toContain('previous / next phase, bookmark or finding')
    await page.screenshot({ path: `${ARTIFACTS}replay-keys-help.png` })
    expect(errors).toEqual([])
    await page.context().close()
  }, 150_000)

  it('report phase rows and bookmarks open the replay at their moment', async () => {
    const page = await open(session.tokens.interviewer, 'report')
    const phase = page.locator('.rr-table a', { hasText: 'High-level design' })
    expect(await phase.getAttribute('href')).toBe(
      `/s/${session.id}/replay?t=${history.phases[1]!.start! - origin}`,
    )
    const bookmark = page.locator('a.rr-bookmark-at').first()
    expect(await bookmark.getAttribute('href')).toBe(
      `/s/${session.id}/replay?t=${history.bookmarks![0]!.at - origin}`,
    )
    await bookmark.click()
    await page.locator('.rp-page[data-shown-at]').waitFor()
    await vi.waitFor(async () => expect(await shown(page)).toBe(history.bookmarks![0]!.at))
    await page.context().close()
  }, 150_000)

  it('an observer opens the shared replay read-only, without the private panel', async () => {
    const share = (shared: boolean) =>
      fetch(`${server.url}/api/sessions/${session.id}/share-replay`, {
        method: 'PUT',
        headers: {
          authorization: `Bearer ${session.tokens.interviewer}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ shared }),
      })
    expect((await share(true)).status).toBe(200)
    for (const size of [
      { width: 1440, height: 900 },
      { width: 390, height: 844 },
    ]) {
      const second = history.phases[1]!.start!
      const page = await open(session.tokens.observer, `replay?t=${second - origin + 5}`, size)
      await vi.waitFor(async () => expect(await shown(page)).toBe(second + 5), 20_000)
      await expect.poll(() => labels(page), POLL).toEqual(['Gateway'])
      expect(await page.locator('.rp-bookmark').count()).toBe(0)
      expect(await page.locator('.rp-page').textContent()).not.toContain('Private remark')
      // Nothing runs off the screen: the header's buttons and the transport wrap on a phone.
      const overflowing = await page.evaluate((): string[] =>
        Array.from(
          document.querySelectorAll<HTMLElement>(
            '.rp-header, .rp-actions, .rp-transport, .rp-header .mb-btn',
          ),
        )
          .filter(
            (e) => e.getBoundingClientRect().right > innerWidth + 1 || e.scrollWidth > e.clientWidth + 1,
          )
          .map((e) => e.className),
      )
      expect(overflowing).toEqual([])
      // Mid-seek: a far jump to the end, captured before and after it is drawn.
      await page.keyboard.press('End')
      await page.screenshot({ path: `${ARTIFACTS}replay-observer-${size.width}-light.png` })
      await expect.poll(() => labels(page), POLL).toEqual(['Gateway', 'Queue', 'Worker'])
      await page.getByRole('button', { name: 'Dark mode' }).click()
      await page.keyboard.press(']')
      await page.keyboard.press('Home')
      await page.keyboard.press(']')
      await page.screenshot({ path: `${ARTIFACTS}replay-observer-${size.width}-dark.png` })
      await page.context().close()
    }
    expect((await share(false)).status).toBe(200)
    const refused = await open(session.tokens.observer, 'replay')
    await expect
      .poll(() => refused.locator('[role="alert"]').textContent())
      .toContain('No access to the replay')
    await refused.context().close()
    expect(errors).toEqual([])
  }, 150_000)
})
