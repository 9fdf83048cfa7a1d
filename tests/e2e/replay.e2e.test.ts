import { mkdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

import {
  addBookmark,
  applyTimerAction,
  boardNotesText,
  DEFAULT_PHASES,
  formatSessionTime,
  initialTimer,
  interviewStartedAt,
  openBoardRecords,
  type SessionHistory,
  type TimerAction,
  type TimerState,
  writeBoardSchema,
  writeTimer,
} from '@mockboard/shared'
import { unzipSync } from 'fflate'
import type { Page } from 'playwright-core'
import { createTLStore, getIndexAbove, type IndexKey, type TLRecord } from 'tldraw'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

import { createBoardSchema } from '../../client/src/shapes/schema'
import { arrowBetween, componentShape } from '../bench/replay/records'
import { Rng } from '../bench/replay/rng'
import { browserAvailable, launchBrowser, type TestBrowser } from '../helpers/browser'
import { ensureClientBuilt } from '../helpers/buildClient'
import { type CreatedSession, createSession, startServer, type TestServer } from '../helpers/server'
import { connectClient, type YClient } from '../helpers/yclient'

const ARTIFACTS = fileURLToPath(new URL('../artifacts/', import.meta.url))
type Shape = TLRecord & { x: number; y: number; props: Record<string, unknown> }

describe.runIf(browserAvailable())('replay in the browser', () => {
  let server: TestServer
  let browser: TestBrowser
  let session: CreatedSession
  const clients: YClient[] = []
  const errors: string[] = []
  /** Server times of the three phase starts, from the recorded history. */
  let phaseStarts: number[] = []
  let history: SessionHistory

  const shot = (page: Page, name: string) =>
    page.screenshot({ path: `${ARTIFACTS}${name}.png`, animations: 'disabled' })
  const stored = async (doc: string) =>
    (await server.app.context.storage.listUpdates(session.id)).filter((e) => e.doc === doc).length
  /** Each step waits until the server stored it and the clock moved on: steps get distinct instants. */
  async function settle(doc: string, count: number) {
    await vi.waitFor(async () => expect(await stored(doc)).toBeGreaterThanOrEqual(count))
    const last = (await server.app.context.storage.listUpdates(session.id)).at(-1)!.at
    await vi.waitFor(() => expect(Date.now()).toBeGreaterThan(last + 5))
  }

  /** A short interview through real y-websocket clients, written the way the live client writes. */
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
    const rng = new Rng(3)
    let top: IndexKey | null = null
    const nextIndex = () => (top = getIndexAbove(top))
    const component = (label: string, x: number, y: number, technology = '', notes = '') => {
      const shape = componentShape(rng, nextIndex(), x, y) as unknown as Shape
      return { ...shape, props: { ...shape.props, label, technology, notes } } as unknown as Shape
    }
    const put = (...records: TLRecord[]) => {
      store.put(records) // validates every record against the live board's schema
      board.doc.transact(() => records.forEach((r) => kv.set(r.id, r)))
    }
    let boardCount = await stored('board')
    let controlCount = await stored('control')

    // Requirements: the board is seeded and gets its first component.
    act({ type: 'start' })
    board.doc.transact(() => {
      for (const r of Object.values(store.serialize('document'))) kv.set(r.id, r)
      writeBoardSchema(board.doc, store.schema.serialize())
    })
    const lb = component('Edge LB', 0, 0, 'NGINX', 'TLS ends here.\nTwo per region.')
    put(lb)
    boardNotesText(board.doc).insert(0, 'Shorten URLs, 100M/day\n')
    await settle('board', (boardCount += 3))

    // High-level design: two more components and an arrow.
    act({ type: 'next' })
    await settle('control', (controlCount += 2))
    const api = component('Shortener API', 300, 0, 'Go')
    const db = component('URL store', 600, 0, 'PostgreSQL')
    put(api, db)
    put(...(arrowBetween(nextIndex(), lb, api) as unknown as TLRecord[]))
    addBookmark(priv.doc, { id: 'b1', at: Date.now(), phaseIndex: 1, label: 'Clear API design' })
    await settle('board', boardCount + 2)

    // Deep dive: a cache arrives, the database is replaced.
    act({ type: 'next' })
    await settle('control', (controlCount += 1))
    put(component('Redis cache', 300, 200, 'Redis'))
    store.remove([db.id])
    board.doc.transact(() => kv.delete(db.id))
    await settle('board', boardCount + 2)
    act({ type: 'end' })
    await settle('control', controlCount + 1)
  }

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true })
    ensureClientBuilt()
    server = await startServer({ serveClient: true })
    session = await createSession(server.url, {
      title: 'Design a URL shortener',
      problem: 'Shorten long URLs; 100M new URLs a day, 10:1 reads.',
    })
    await record()
    const res = await fetch(`${server.url}/api/sessions/${session.id}/history`, {
      headers: { authorization: `Bearer ${session.tokens.interviewer}` },
    })
    history = (await res.json()) as SessionHistory
    phaseStarts = history.phases.slice(0, 3).map((p) => p.start!)
    browser = await launchBrowser()
  })

  afterAll(async () => {
    for (const c of clients.splice(0)) c.destroy()
    await browser?.close()
    await server?.close()
  })

  async function open(token: string, path = 'replay'): Promise<Page> {
    const context = await browser.newContext({ acceptDownloads: true })
    const page = await context.newPage()
    page.setDefaultTimeout(15_000)
    page.on('pageerror', (e) => errors.push(e.message))
    await page.goto(`${server.url}/s/${session.id}/${path}#token=${token}`)
    return page
  }

  const shown = (page: Page) => page.locator('.rp-page').getAttribute('data-shown-at').then(Number)
  const shapes = (page: Page) => page.locator('.rp-page').getAttribute('data-shapes').then(Number)

  it('opens on the finished diagram, and shows bookmarks on the clock of the live panel and the report', async () => {
    const page = await open(session.tokens.interviewer)
    // Loading takes longer on a machine busy with other test runs.
    await page.locator('.rp-page[data-shown-at]').waitFor({ timeout: 30_000 })
    const end = Number(await page.locator('.rp-page').getAttribute('data-end'))
    await vi.waitFor(async () => expect(await shown(page)).toBe(end))
    await expect
      .poll(() =>
        page
          .locator('.tl-shape .mb-component__label')
          .allTextContents()
          .then((l) => l.sort()),
      )
      .toEqual(['Edge LB', 'Redis cache', 'Shortener API'])
    // The wall clock comes once the page is first idle (its locale data is off the first frame's
    // way): the time of day at the instant shown, in the reader's locale.
    const timeOfDay = await page.evaluate(
      (at) =>
        new Intl.DateTimeFormat([], { hour: '2-digit', minute: '2-digit', second: '2-digit' }).format(at),
      end,
    )
    await expect.poll(() => page.locator('.rp-wall').textContent()).toBe(timeOfDay)
    await shot(page, 'replay-opening')

    // The frame painter drew the first instant before tldraw mounted, then tldraw took over: the
    // canvas is hidden, and it had drawn the board (cards' ink on it), not a blank.
    const marks = await page.evaluate(() =>
      Object.fromEntries(
        ['shown', 'painted', 'editor'].map((m) => [
          m,
          performance.getEntriesByName(`replay:${m}`)[0]?.startTime ?? -1,
        ]),
      ),
    )
    expect(marks.shown).toBeGreaterThan(0)
    expect(marks.painted).toBeGreaterThanOrEqual(marks.shown!)
    expect(marks.editor).toBeGreaterThan(marks.painted!)
    await vi.waitFor(async () =>
      expect(await page.locator('.rp-frame').evaluate((c: HTMLElement) => c.style.visibility)).toBe('hidden'),
    )
    const inked = await page.locator('.rp-frame').evaluate((c: HTMLCanvasElement) => {
      const { data } = c.getContext('2d')!.getImageData(0, 0, c.width, c.height)
      let n = 0
      for (let i = 0; i < data.length; i += 4) if (data[i]! < 128 && data[i + 1]! < 128) n++
      return n
    })
    expect(inked).toBeGreaterThan(200)
    expect(await shapes(page)).toBe(await page.locator('.tl-shape').count())

    // One clock: what the interviewer's live list showed (m:ss since Start) is what replay and report.md show.
    const bookmark = history.bookmarks![0]!
    const live = formatSessionTime(bookmark.at, interviewStartedAt(history.timerEvents))
    expect(await page.locator('.rp-bookmark-time').first().textContent()).toBe(live)
    const md = await fetch(`${server.url}/api/sessions/${session.id}/report.md`, {
      headers: { authorization: `Bearer ${session.tokens.interviewer}` },
    })
    expect(await md.text()).toContain(`- **${live}** `)
    await page.context().close()
  })

  it('scrubs to a phase and shows the board as it was, plays at 8×, exports a PNG', async () => {
    const page = await open(session.tokens.interviewer)
    await page.locator('.rp-page[data-shown-at]').waitFor({ timeout: 30_000 })
    expect(page.url()).not.toContain('token=')
    await page.keyboard.press('Home')
    await vi.waitFor(async () => expect(await shown(page)).toBeLessThan(phaseStarts[1]!))

    // ] jumps mark by mark (phases, bookmarks, findings raised): it reaches the design phase's
    // start without passing it. The lone load balancer's "unconnected" finding is raised a few ms
    // before or after that phase starts, so the number of presses depends on the run.
    for (let presses = 0; presses < 4; presses++) {
      const before = await shown(page)
      if (before >= phaseStarts[1]!) break
      await page.keyboard.press(']')
      await vi.waitFor(async () => expect(await shown(page)).toBeGreaterThan(before))
    }
    expect((await shown(page)) - phaseStarts[1]!).toBeGreaterThanOrEqual(0)
    // The phase starts when the server stored the interviewer's "next" (a few ms after its stamp).
    expect((await shown(page)) - phaseStarts[1]!).toBeLessThan(1_000)
    expect(await shapes(page)).toBe(1)
    await expect
      .poll(() => page.locator('.tl-shape .mb-component__label').allTextContents())
      .toEqual(['Edge LB'])
    await expect
      .poll(() => page.locator('[data-testid="replay-timer"]').textContent())
      .toMatch(/^25:00|^24:5/)

    // The deep-dive row of the phase list: three components and an arrow, the database still there.
    await page.locator('.rp-phase-row', { hasText: 'Deep dive' }).click()
    await vi.waitFor(async () => expect((await shown(page)) - phaseStarts[2]!).toBeGreaterThanOrEqual(0))
    expect(await shapes(page)).toBe(4)
    await expect
      .poll(async () => (await page.locator('.tl-shape .mb-component__label').allTextContents()).sort())
      .toEqual(['Edge LB', 'Shortener API', 'URL store'])
    await shot(page, 'replay-page')

    // Play from the start at 8×: it runs to the end and stops on the final board.
    await page.keyboard.press('Home')
    await page.getByRole('radio', { name: '8×' }).click()
    await page.getByRole('button', { name: 'Play' }).click()
    await page.locator('.rp-page[data-playing="true"]').waitFor()
    await page.locator('.rp-page[data-playing="false"]').waitFor()
    await expect
      .poll(() =>
        page
          .locator('.tl-shape .mb-component__label')
          .allTextContents()
          .then((l) => l.sort()),
      )
      .toEqual(['Edge LB', 'Redis cache', 'Shortener API'])
    expect(await page.getByRole('radio', { name: '8×' }).getAttribute('aria-checked')).toBe('true')

    const download = page.waitForEvent('download')
    await page.getByRole('button', { name: 'PNG' }).click()
    const png = readFileSync(await (await download).path())
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
    expect(png.byteLength).toBeGreaterThan(2_000)

    const zip = page.waitForEvent('download')
    await page.getByRole('button', { name: 'Report' }).click()
    const bundle = unzipSync(readFileSync(await (await zip).path()))
    expect(Object.keys(bundle).sort()).toEqual(['board.png', expect.stringMatching(/\.md$/)])
    const markdown = new TextDecoder().decode(Object.entries(bundle).find(([n]) => n.endsWith('.md'))![1])
    expect(markdown).toContain('![Final diagram](board.png)')
    expect(markdown).toContain('Edge LB')
    const diagram = bundle['board.png']!
    expect([...diagram.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
    expect(diagram.byteLength).toBeGreaterThan(2_000)

    await page.getByRole('button', { name: 'Dark mode' }).click()
    await page.locator('.rp-bookmark').hover()
    await shot(page, 'replay-page-dark')
    expect(errors).toEqual([])
    await page.context().close()
  })

  it('renders the printable report with the final diagram', async () => {
    const page = await open(session.tokens.interviewer, 'report')
    await page.locator('.rr-page[data-diagram="ready"]').waitFor()
    await vi.waitFor(async () =>
      expect(
        await page
          .locator('[data-testid="report-diagram"]')
          .evaluate((img) =>
            (img as HTMLImageElement).complete ? (img as HTMLImageElement).naturalWidth : 0,
          ),
      ).toBeGreaterThan(0),
    )
    await expect.poll(() => page.locator('.rr-table').first().textContent()).toContain('High-level design')
    expect(await page.locator('.rr-connections').textContent()).toContain('Edge LB')
    // Component notes appear under the inventory, line breaks kept.
    expect(await page.locator('.rr-component-notes dt').allTextContents()).toEqual(['Edge LB'])
    expect(await page.locator('.rr-component-notes dd').innerText()).toBe('TLS ends here.\nTwo per region.')
    expect(await page.locator('.rr-bookmarks').textContent()).toContain('Clear API design')
    const bookmark = history.bookmarks![0]!
    const live = formatSessionTime(bookmark.at, interviewStartedAt(history.timerEvents))
    expect(await page.locator('.rr-bookmark-at').first().textContent()).toBe(live)
    await page.screenshot({ path: `${ARTIFACTS}report-page.png`, fullPage: true })
    await page.emulateMedia({ media: 'print' })
    await page.screenshot({ path: `${ARTIFACTS}report-page-print.png`, fullPage: true })
    expect(errors).toEqual([])
    await page.context().close()
  })

  it('explains a bad link and an observer link instead of showing a broken page', async () => {
    const bad = await open('not-a-token')
    await expect.poll(() => bad.locator('[role="alert"]').textContent()).toContain('This link is not valid')
    await bad.context().close()
    const observer = await open(session.tokens.observer)
    await expect
      .poll(() => observer.locator('[role="alert"]').textContent())
      .toContain('No access to the replay')
    await shot(observer, 'replay-observer')
    await observer.context().close()
  })
})
