import { mkdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

import { BoardKeys, type SessionHistory } from '@mockboard/shared'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'

import { joinBoard } from '../helpers/boardPage'
import { browserAvailable, launchBrowser, type TestBrowser } from '../helpers/browser'
import { ensureClientBuilt } from '../helpers/buildClient'
import { type CreatedSession, createSession, startServer, type TestServer } from '../helpers/server'

const ARTIFACTS = fileURLToPath(new URL('../artifacts/', import.meta.url))

/** An image in the page with this src prefix that has actually loaded (decoded, non-zero size). */
const loadedImage = (page: Page) =>
  page.waitForFunction(
    () =>
      Array.from(document.querySelectorAll<HTMLImageElement>('img.tl-image')).some(
        (img) => img.getAttribute('src')?.startsWith('/api/assets/') && img.complete && img.naturalWidth > 0,
      ),
    undefined,
    { timeout: 45_000 },
  )

describe.runIf(browserAvailable())('a 5 MB screenshot dropped on the board', () => {
  let server: TestServer
  let browser: TestBrowser
  let session: CreatedSession

  /** A board link (joined as `name`) or a replay/report link (name null: only loaded). */
  async function open(link: string, name: string | null): Promise<Page> {
    const { page, blocked } = await joinBoard(
      browser,
      server.url,
      link,
      name,
      name ? {} : { waitFor: 'load' },
    )
    // Generous: on a loaded 2-core machine the first page load alone can take 20 s.
    page.setDefaultTimeout(40_000)
    expect(blocked).toEqual([])
    return page
  }

  beforeAll(async () => {
    ensureClientBuilt()
    mkdirSync(ARTIFACTS, { recursive: true })
    server = await startServer({ serveClient: true })
    session = await createSession(server.url, { title: 'Design a photo service' })
    browser = await launchBrowser()
  })

  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it('uploads it, both boards show it, the candidate stays connected, replay and report show it', async () => {
    const interviewer = await open(session.links.interviewer, 'Ada')
    const candidate = await open(session.links.candidate, 'Grace')
    for (const page of [interviewer, candidate])
      await page.locator('.mb-pill[data-state="connected"]').waitFor()

    // Every state the candidate's connection pill passes through from here on.
    await candidate.evaluate(() => {
      const pill = document.querySelector('.mb-pill')!
      const seen: string[] = []
      ;(window as unknown as { pillStates: string[] }).pillStates = seen
      new MutationObserver(() => seen.push(pill.getAttribute('data-state') ?? '')).observe(pill, {
        attributes: true,
        attributeFilter: ['data-state'],
      })
    })

    // A ~5 MB PNG of random noise (incompressible), dropped on the canvas as a file.
    const pngBytes = await dropNoisePng(candidate, 1500, 1150)
    expect(pngBytes).toBeGreaterThan(4.5 * 1024 * 1024)

    await loadedImage(candidate)
    await loadedImage(interviewer)
    await candidate.screenshot({ path: `${ARTIFACTS}asset-candidate.png` })
    await interviewer.screenshot({ path: `${ARTIFACTS}asset-interviewer.png` })

    // Still live on the same socket: the pill never left "connected".
    expect(await candidate.locator('.mb-pill').getAttribute('data-state')).toBe('connected')
    expect(
      await candidate.evaluate(() =>
        (window as unknown as { pillStates: string[] }).pillStates.filter((s) => s !== 'connected'),
      ),
    ).toEqual([])

    // The board holds a URL, not the bytes: no stored update anywhere near the image's size.
    const auth = { authorization: `Bearer ${session.tokens.interviewer}` }
    const history = (await (
      await fetch(`${server.url}/api/sessions/${session.id}/history`, { headers: auth })
    ).json()) as SessionHistory
    expect(Math.max(...history.updates.size)).toBeLessThan(64 * 1024)
    const state = new Uint8Array(
      await (
        await fetch(`${server.url}/api/sessions/${session.id}/state?doc=board&at=${Date.now() + 1000}`, {
          headers: auth,
        })
      ).arrayBuffer(),
    )
    const doc = new Y.Doc()
    Y.applyUpdate(doc, state)
    const assets = doc
      .getArray<{ val: { typeName: string; props: { src: string } } }>(BoardKeys.records)
      .toArray()
      .filter((e) => e.val?.typeName === 'asset')
    expect(assets.map((a) => a.val.props.src)).toEqual([
      expect.stringMatching(/^\/api\/assets\/[A-Za-z0-9_-]{32}$/),
    ])
    const served = await fetch(server.url + assets[0]!.val.props.src)
    expect(served.headers.get('content-type')).toMatch(/^image\/(webp|png)$/)
    const storedBytes = (await served.arrayBuffer()).byteLength
    console.log(
      `dropped PNG ${pngBytes} bytes → stored ${served.headers.get('content-type')} ${storedBytes} bytes`,
    )

    // The replay draws it on its board.
    const replay = await open(`/s/${session.id}/replay#token=${session.tokens.candidate}`, null)
    await replay.locator('.rp-page[data-shown-at]').waitFor()
    // It opens on the first instant; End jumps to the last one, where the image is.
    await replay.keyboard.press('End')
    await replay.locator('.rp-page[data-shapes="1"]').waitFor()
    await loadedImage(replay)
    await replay.screenshot({ path: `${ARTIFACTS}asset-replay.png` })

    // The report's final diagram has the noise in it: most of its pixels are far from white.
    const report = await open(`/s/${session.id}/report#token=${session.tokens.interviewer}`, null)
    const diagram = report.locator('[data-testid="report-diagram"]')
    await diagram.waitFor({ timeout: 60_000 })
    const noisy = await diagram.evaluate(async (img: HTMLImageElement) => {
      await img.decode()
      const canvas = new OffscreenCanvas(img.naturalWidth, img.naturalHeight)
      const ctx = canvas.getContext('2d')!
      ctx.drawImage(img, 0, 0)
      const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height)
      let far = 0
      for (let i = 0; i < data.length; i += 4) if (data[i]! + data[i + 1]! + data[i + 2]! < 600) far++
      return far / (data.length / 4)
    })
    expect(noisy).toBeGreaterThan(0.3)
    await report.screenshot({ path: `${ARTIFACTS}asset-report.png`, fullPage: true })
  }, 300_000)
})

describe.runIf(browserAvailable())('an image the server refuses', () => {
  let server: TestServer
  let browser: TestBrowser

  beforeAll(async () => {
    ensureClientBuilt()
    server = await startServer({ serveClient: true, config: { assets: { maxAssetBytes: 20_000 } } })
    browser = await launchBrowser()
  })

  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it("says why in the toast: the server's message names the limit", async () => {
    const session = await createSession(server.url, { title: 'Too big' })
    const { page } = await joinBoard(browser, server.url, session.links.candidate, 'Grace')
    await dropNoisePng(page, 400, 300)
    await expect
      .poll(() => page.locator('.tlui-toast__container').allInnerTexts())
      .toEqual([
        expect.stringMatching(
          /Image not added\s+The server refused it: image is larger than 20000 bytes \(MOCKBOARD_MAX_ASSET_BYTES\)\./,
        ),
      ])
    // Its own toast replaces tldraw's bare one, and nothing of the image stays on the board.
    expect(await page.locator('.tlui-toast__container', { hasText: 'Upload failed' }).count()).toBe(0)
    await expect.poll(() => page.locator('.tl-shape[data-shape-type="image"]').count()).toBe(0)
    await page.screenshot({ path: `${ARTIFACTS}asset-refused.png` })
  }, 120_000)
})

/** Drops a PNG of random noise (incompressible) of w×h pixels on the canvas as a file; resolves to its size. */
function dropNoisePng(page: Page, width: number, height: number): Promise<number> {
  return page.evaluate(
    async ([w, h]) => {
      const canvas = new OffscreenCanvas(w!, h!)
      const ctx = canvas.getContext('2d')!
      const pixels = ctx.createImageData(canvas.width, canvas.height)
      const random = new Uint32Array(pixels.data.buffer)
      for (let i = 0; i < random.length; i += 16384) crypto.getRandomValues(random.subarray(i, i + 16384))
      for (let i = 3; i < pixels.data.length; i += 4) pixels.data[i] = 255
      ctx.putImageData(pixels, 0, 0)
      const blob = await canvas.convertToBlob({ type: 'image/png' })
      const file = new File([blob], 'screenshot.png', { type: 'image/png' })
      const data = new DataTransfer()
      data.items.add(file)
      const target = document.querySelector('.tl-canvas')!
      const box = target.getBoundingClientRect()
      target.dispatchEvent(
        new DragEvent('drop', {
          dataTransfer: data,
          bubbles: true,
          cancelable: true,
          clientX: box.x + box.width / 2,
          clientY: box.y + box.height / 2,
        }),
      )
      return blob.size
    },
    [width, height],
  )
}
