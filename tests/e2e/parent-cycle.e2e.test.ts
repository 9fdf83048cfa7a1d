import { mkdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

import { openBoardRecords, writeBoardSchema } from '@mockboard/shared'
import { getIndexAbove, type TLRecord, type TLShape } from 'tldraw'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'

import { frameShape } from '../bench/replay/records'
import { Rng } from '../bench/replay/rng'
import { joinBoard } from '../helpers/boardPage'
import { boardStore } from '../helpers/boardStore'
import { browserAvailable, launchBrowser, type TestBrowser } from '../helpers/browser'
import { ensureClientBuilt } from '../helpers/buildClient'
import { type CreatedSession, createSession, startServer, type TestServer } from '../helpers/server'
import { connectClient } from '../helpers/yclient'

const ARTIFACTS = fileURLToPath(new URL('../artifacts/', import.meta.url))

/**
 * A board whose log holds a parent cycle: two frames, each inside the other. One server refuses
 * that (4400), but two instances each accept one half when both halves arrive at once, so the log
 * can hold it; here it is written to the log directly, past the gate, as the two halves would
 * leave it. Every browser must still open the board and the replay.
 */
describe.runIf(browserAvailable())('a parent cycle in the log', () => {
  let server: TestServer
  let browser: TestBrowser
  let session: CreatedSession

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true })
    ensureClientBuilt()
    const first = await startServer({ serveClient: true })
    session = await createSession(first.url, { title: 'Frames in frames' })
    const board = connectClient(first.syncUrl, session.id, 'board', session.tokens.candidate)
    await board.synced
    const store = boardStore()
    const rng = new Rng(7)
    const a = frameShape(rng, getIndexAbove(null), 0, 0) as unknown as TLShape
    const b = frameShape(rng, getIndexAbove(a.index), 640, 0) as unknown as TLShape
    store.put([a, b])
    const kv = openBoardRecords<TLRecord>(board.doc)
    board.doc.transact(() => {
      for (const r of Object.values(store.serialize('document'))) kv.set(r.id, r)
      writeBoardSchema(board.doc, store.schema.serialize())
    })
    await vi.waitFor(async () => {
      const room = first.app.context.registry.peek(session.id, 'board')
      await room?.flush()
      expect(openBoardRecords(room!.doc).has(b.id)).toBe(true)
    })
    // Both halves, as a copy of the doc writes them.
    const copy = new Y.Doc()
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(board.doc))
    const halves: Uint8Array[] = []
    copy.on('update', (u: Uint8Array) => halves.push(u))
    const copyKv = openBoardRecords<TLRecord>(copy)
    copy.transact(() => copyKv.set(a.id, { ...a, parentId: b.id }))
    copy.transact(() => copyKv.set(b.id, { ...b, parentId: a.id }))
    board.destroy()
    await first.close({ keepData: true })
    server = await startServer({ serveClient: true, dataDir: first.dataDir })
    for (const half of halves)
      await server.app.context.storage.appendUpdate(session.id, 'board', half, Date.now())
    browser = await launchBrowser()
  }, 120_000)

  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it('opens on the live board with both frames, one inside the other', async () => {
    const ada = await joinBoard(browser, server.url, session.links.interviewer, 'Ada')
    const shown = ada.page.locator('.tl-shape[data-shape-type="system-frame"]')
    await expect.poll(() => shown.count()).toBe(2)
    // The half that would close the loop is left out: one frame sits in the other, at its corner.
    const [one, two] = await Promise.all((await shown.all()).map((f) => f.boundingBox()))
    expect(Math.abs(one!.x - two!.x)).toBeLessThan(2)
    expect(Math.abs(one!.y - two!.y)).toBeLessThan(2)
    await ada.page.screenshot({ path: `${ARTIFACTS}parent-cycle-board.png` })
    expect(ada.errors.filter((e) => /call stack|Something went wrong/i.test(e))).toEqual([])
    await ada.context.close()
  })

  it('replays it', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
    const page = await context.newPage()
    page.setDefaultTimeout(30_000)
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    await page.goto(`${server.url}/s/${session.id}/replay#token=${session.tokens.interviewer}`)
    await page.locator('.rp-page[data-shown-at]').waitFor({ timeout: 60_000 })
    await expect.poll(() => page.locator('.tl-shape[data-shape-type="system-frame"]').count()).toBe(2)
    await page.screenshot({ path: `${ARTIFACTS}parent-cycle-replay.png` })
    expect(errors).toEqual([])
    await context.close()
  })
})
