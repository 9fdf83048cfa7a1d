import { mkdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

import {
  applyTimerAction,
  DEFAULT_PHASES,
  initialTimer,
  openBoardRecords,
  type TimerAction,
  type TimerState,
  writeBoardSchema,
  writeTimer,
} from '@mockboard/shared'
import { createTLStore, getIndexAbove, type IndexKey, type TLRecord } from 'tldraw'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

import { createBoardSchema } from '../../client/src/shapes/schema'
import { componentShape } from '../bench/replay/records'
import { Rng } from '../bench/replay/rng'
import { browserAvailable, launchBrowser, type TestBrowser } from '../helpers/browser'
import { ensureClientBuilt } from '../helpers/buildClient'
import { type CreatedSession, createSession, startServer, type TestServer } from '../helpers/server'
import { connectClient, type YClient } from '../helpers/yclient'

const ARTIFACTS = fileURLToPath(new URL('../artifacts/finding-marks/', import.meta.url))

/** Replay timeline: findings raised in the same second, at the right end of the timeline. */
describe.runIf(browserAvailable())('replay finding marks placed in one second', () => {
  let server: TestServer
  let browser: TestBrowser
  let session: CreatedSession
  const clients: YClient[] = []

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true })
    ensureClientBuilt()
    server = await startServer({ serveClient: true })
    session = await createSession(server.url, { title: 'Four boxes at once' })
    const control = connectClient(server.syncUrl, session.id, 'control', session.tokens.interviewer)
    const board = connectClient(server.syncUrl, session.id, 'board', session.tokens.candidate)
    clients.push(control, board)
    await Promise.all([control.synced, board.synced])
    let state: TimerState = initialTimer()
    const act = (action: TimerAction) => {
      const result = applyTimerAction(DEFAULT_PHASES, state, action, Date.now())!
      state = result.state
      writeTimer(control.doc, state, result.event)
    }
    act({ type: 'start' })
    // A few seconds into the interview, so the marks sit near the right end of a short timeline.
    const started = Date.now()
    await vi.waitFor(() => expect(Date.now()).toBeGreaterThan(started + 3_000), { timeout: 5_000 })
    // Four unconnected components in one update: four findings raised at the same instant.
    const store = createTLStore({ schema: createBoardSchema() })
    const kv = openBoardRecords<TLRecord>(board.doc)
    const rng = new Rng(3)
    let top: IndexKey | null = null
    const records = ['Gateway', 'Orders', 'Billing', 'Search'].map((label, i) => {
      const shape = componentShape(rng, (top = getIndexAbove(top)), i * 240, 0) as unknown as TLRecord & {
        props: Record<string, unknown>
      }
      return { ...shape, props: { ...shape.props, label } } as unknown as TLRecord
    })
    store.put(records)
    board.doc.transact(() => {
      for (const r of Object.values(store.serialize('document'))) kv.set(r.id, r)
      writeBoardSchema(board.doc, store.schema.serialize())
    })
    await vi.waitFor(async () => {
      const updates = await server.app.context.storage.listUpdates(session.id)
      expect(updates.filter((u) => u.doc === 'board').length).toBeGreaterThanOrEqual(2)
    })
    act({ type: 'end' })
    await vi.waitFor(async () =>
      expect((await server.app.context.storage.getSession(session.id))?.endedAt).not.toBeNull(),
    )
    browser = await launchBrowser()
  }, 180_000)

  afterAll(async () => {
    for (const c of clients.splice(0)) c.destroy()
    await browser?.close()
    await server?.close()
  })

  for (const [size, scheme] of [
    [{ width: 1440, height: 900 }, 'light'],
    [{ width: 390, height: 844 }, 'dark'],
  ] as const) {
    it(`stack apart and open their labels on screen (${size.width}, ${scheme})`, async () => {
      const context = await browser.newContext({ viewport: size, colorScheme: scheme })
      const page = await context.newPage()
      page.setDefaultTimeout(30_000)
      await page.goto(`${server.url}/s/${session.id}/replay#token=${session.tokens.interviewer}`)
      const marks = page.locator('[data-testid="finding-mark"][data-kind="raised"]')
      // A first page in a fresh browser on a loaded machine takes its time.
      await page.locator('.rp-page[data-shown-at]').waitFor({ timeout: 60_000 })
      await expect.poll(() => marks.count(), { timeout: 30_000 }).toBe(4)
      const xs: number[] = []
      for (const box of await Promise.all((await marks.all()).map((m) => m.boundingBox())))
        xs.push(Math.round(box!.x + box!.width / 2))
      xs.sort((a, b) => a - b)
      // Each is reachable: no two centres closer than a dot.
      for (let i = 1; i < xs.length; i++) expect(xs[i]! - xs[i - 1]!).toBeGreaterThanOrEqual(6)

      // The right-most mark's sentence opens inwards: wholly inside the viewport.
      let rightmost = marks.first()
      let best = -Infinity
      for (const m of await marks.all()) {
        const x = (await m.boundingBox())!.x
        if (x > best) [best, rightmost] = [x, m]
      }
      await rightmost.hover()
      const label = rightmost.locator('[role="tooltip"]')
      await expect.poll(async () => Number(await label.evaluate((e) => getComputedStyle(e).opacity))).toBe(1)
      const box = (await label.boundingBox())!
      expect(box.x).toBeGreaterThanOrEqual(0)
      expect(box.x + box.width).toBeLessThanOrEqual(size.width)
      await page.screenshot({ path: `${ARTIFACTS}marks-${size.width}-${scheme}.png` })
      await context.close()
    }, 120_000)
  }
})
