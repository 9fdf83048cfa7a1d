import { mkdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

import { type CameraSample, openBoardRecords, writeBoardSchema } from '@mockboard/shared'
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

/** tldraw's `instance_presence` as the live board publishes it through awareness. */
const presence = (camera: { x: number; y: number; z: number }) => ({
  typeName: 'instance_presence',
  userId: 'user:ada',
  userName: 'Ada',
  currentPageId: 'page:page',
  camera,
  screenBounds: { x: 0, y: 0, w: 1000, h: 700 },
})

/** A page rectangle as `data-view` / `data-followed` write it: "x,y,w,h". */
const rect = (s: string | null) => {
  const [x, y, w, h] = (s ?? '').split(',').map(Number) as [number, number, number, number]
  return { x, y, w, h, cx: x + w / 2, cy: y + h / 2 }
}

describe.runIf(browserAvailable())('replay: follow a participant’s view', () => {
  let server: TestServer
  let browser: TestBrowser
  let session: CreatedSession
  const clients: YClient[] = []
  const errors: string[] = []
  let cameras: CameraSample[] = []

  /** Components far apart; the candidate looks closely at the first, then at the far one. */
  async function record() {
    const board = connectClient(server.syncUrl, session.id, 'board', session.tokens.candidate)
    clients.push(board)
    await board.synced
    const store = createTLStore({ schema: createBoardSchema() })
    const kv = openBoardRecords<TLRecord>(board.doc)
    const rng = new Rng(3)
    let top: IndexKey | null = null
    const put = (x: number, y: number) => {
      const shape = componentShape(rng, (top = getIndexAbove(top)), x, y)
      store.put([shape])
      board.doc.transact(() => kv.set(shape.id, shape))
    }
    board.doc.transact(() => {
      for (const r of Object.values(store.serialize('document'))) kv.set(r.id, r)
      writeBoardSchema(board.doc, store.schema.serialize())
    })
    put(0, 0)
    const logged = () => server.app.context.storage.listCameras(session.id)
    board.provider.awareness.setLocalStateField('presence', presence({ x: 100, y: 200, z: 2 }))
    await vi.waitFor(async () => expect(await logged()).toHaveLength(1))
    // A sample is stamped when the view moved: let the session clock pass a few scrubber steps.
    const first = (await logged())[0]!.at
    await vi.waitFor(() => expect(Date.now()).toBeGreaterThan(first + 500))
    put(1600, 200)
    board.provider.awareness.setLocalStateField('presence', presence({ x: -1500, y: -100, z: 1 }))
    await vi.waitFor(async () => expect(await logged()).toHaveLength(2), { timeout: 5000 })
    cameras = await logged()
    put(-1200, 900)
    await vi.waitFor(async () => {
      const last = (await server.app.context.storage.listUpdates(session.id)).at(-1)!.at
      expect(last).toBeGreaterThan(cameras[1]!.at)
    })
  }

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true })
    ensureClientBuilt()
    server = await startServer({ serveClient: true })
    session = await createSession(server.url, { title: 'Design a photo feed' })
    await record()
    browser = await launchBrowser()
  })

  afterAll(async () => {
    for (const c of clients.splice(0)) c.destroy()
    await browser?.close()
    await server?.close()
  })

  async function open(size: { width: number; height: number }, colorScheme: 'light' | 'dark'): Promise<Page> {
    const context = await browser.newContext({ viewport: size, colorScheme })
    const page = await context.newPage()
    page.setDefaultTimeout(30_000)
    page.on('pageerror', (e) => errors.push(e.message))
    await page.goto(`${server.url}/s/${session.id}/replay#token=${session.tokens.interviewer}`)
    await page.locator('.rp-page[data-shown-at]').waitFor()
    return page
  }
  const attr = (page: Page, name: string) => page.locator('.rp-page').getAttribute(name)

  /**
   * Moves the scrubber like a user to the first of its steps (100 ms) at or after `at`, and waits
   * until the board shows that instant.
   */
  async function seek(page: Page, at: number) {
    const shown = await page.evaluate((at) => {
      const root = document.querySelector<HTMLElement>('.rp-page')!
      const input = document.querySelector<HTMLInputElement>('.rp-scrub')!
      const offset = Math.ceil((at - Number(root.dataset.start)) / 100) * 100
      const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!
      setValue.call(input, String(offset))
      input.dispatchEvent(new Event('input', { bubbles: true }))
      return Number(root.dataset.start) + offset
    }, at)
    await vi.waitFor(async () => expect(Number(await attr(page, 'data-shown-at'))).toBe(shown), 20_000)
  }

  /** The replay's viewport holds what the participant saw, centred on the same point. */
  async function expectShowing(page: Page, sample: CameraSample) {
    const seen = { x: -sample.x, y: -sample.y, w: sample.w / sample.z, h: sample.h / sample.z }
    // As long as a seek may take (below): the narrow page's canvas board can take seconds to move.
    await vi.waitFor(async () => expect(rect(await attr(page, 'data-followed'))).toMatchObject(seen), 20_000)
    const view = rect(await attr(page, 'data-view'))
    expect(Math.abs(view.cx - (seen.x + seen.w / 2))).toBeLessThanOrEqual(2)
    expect(Math.abs(view.cy - (seen.y + seen.h / 2))).toBeLessThanOrEqual(2)
    expect(view.w).toBeGreaterThanOrEqual(seen.w - 2)
    expect(view.h).toBeGreaterThanOrEqual(seen.h - 2)
    // Fitted, not merely containing: one side matches theirs.
    expect(Math.min(view.w - seen.w, view.h - seen.h)).toBeLessThanOrEqual(2)
  }

  it('moves the camera to what the candidate saw at each instant, and back to the whole board', async () => {
    for (const size of [
      { width: 1440, height: 900 },
      { width: 390, height: 844 },
    ]) {
      for (const scheme of ['light', 'dark'] as const) {
        const page = await open(size, scheme)
        const view = page.getByRole('combobox', { name: 'View' })
        expect(await view.locator('option').allTextContents()).toEqual([
          'Fit board',
          'Follow: Ada (candidate)',
        ])
        expect(await attr(page, 'data-view')).toBeNull() // nothing followed yet
        await view.selectOption('candidate')
        await vi.waitFor(async () => expect(await attr(page, 'data-follow')).toBe('candidate'))
        // The page opens on the last instant: the candidate was looking at the far component.
        await expectShowing(page, cameras[1]!)
        await page.screenshot({ path: `${ARTIFACTS}replay-follow-${size.width}-${scheme}.png` })
        // Back to the instant of the first sample (the second came a second or more later).
        expect(cameras[1]!.at - cameras[0]!.at).toBeGreaterThan(200)
        await seek(page, cameras[0]!.at)
        await expectShowing(page, cameras[0]!)
        // Mid-seek: a far jump to the end, captured right after the scrubber moved.
        await page.keyboard.press('End')
        await page.screenshot({ path: `${ARTIFACTS}replay-follow-midseek-${size.width}-${scheme}.png` })
        await expectShowing(page, cameras[1]!)
        await view.selectOption('')
        await vi.waitFor(async () => expect(await attr(page, 'data-follow')).toBe(''))
        await page.context().close()
      }
    }
    expect(errors).toEqual([])
  }, 240_000)
})
