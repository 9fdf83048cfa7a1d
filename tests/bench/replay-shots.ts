/**
 * `npx tsx tests/bench/replay-shots.ts`: records the benchmark's session (60 minutes unless
 * `BENCH_REPLAY_MINUTES` says otherwise), opens its replay at 1440×900 in light and dark, and
 * screenshots it as it opens, then mid-seek: right after a far jump of the scrubber (before the
 * board shows it), once the frame painter shows the sought instant, and once tldraw has taken
 * over from it. PNGs go to tests/artifacts/.
 */
import { mkdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

import { launchBrowser } from '../helpers/browser.js'
import { ensureClientBuilt } from '../helpers/buildClient.js'
import { startServer } from '../helpers/server.js'
import { generateSession } from './replay/generateSession.js'

const MINUTES = Number(process.env.BENCH_REPLAY_MINUTES ?? 60)
const ARTIFACTS = fileURLToPath(new URL('../artifacts/', import.meta.url))

/** Moves the scrubber like a user; resolves with the instant asked for (server epoch ms). */
const SCRUB = `(offset) => {
  const root = document.querySelector('.rp-page');
  const input = document.querySelector('.rp-scrub');
  const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
  setValue.call(input, String(offset));
  input.dispatchEvent(new Event('input', { bubbles: true }));
  return String(Math.round(Number(root.dataset.start) + offset));
}`

async function main(): Promise<void> {
  ensureClientBuilt()
  mkdirSync(ARTIFACTS, { recursive: true })
  const server = await startServer({ serveClient: true, config: { snapshotEvery: 500 } })
  const browser = await launchBrowser()
  try {
    const { storage, signer } = server.app.context
    const id = 'replay-shots'
    const startAt = Date.now() - (MINUTES + 60) * 60_000
    console.log(`Recording a ${MINUTES}-minute session…`)
    await generateSession(storage, { id, startAt, seed: 7, snapshotEvery: 500, minutes: MINUTES })
    const token = signer.sign({
      sessionId: id,
      role: 'interviewer',
      expiresAt: Math.floor(Date.now() / 1000) + 3_600,
    })
    for (const scheme of ['light', 'dark'] as const) {
      const context = await browser.newContext({
        viewport: { width: 1440, height: 900 },
        colorScheme: scheme,
      })
      const page = await context.newPage()
      await page.goto(`${server.url}/s/${id}/replay#token=${token}`)
      await page.waitForSelector('.rp-page[data-shown-at]', { timeout: 120_000 })
      await page.screenshot({ path: `${ARTIFACTS}replay-open-${scheme}.png` })
      await page.waitForFunction(() => performance.getEntriesByName('replay:drawn').length > 0)
      const duration = Number(await page.getAttribute('.rp-scrub', 'max'))
      // A far jump back to two fifths of the session, screenshotted at once: what a seek looks like.
      const want = await page.evaluate<string>(`(${SCRUB})(${Math.round((duration * 0.4) / 100) * 100})`)
      await page.screenshot({ path: `${ARTIFACTS}replay-mid-seek-${scheme}.png` })
      await page.waitForSelector(`.rp-page[data-shown-at="${want}"]`, { timeout: 60_000 })
      // The instant as the frame painter drew it, then once tldraw has taken over (canvas hidden).
      await page.screenshot({ path: `${ARTIFACTS}replay-seek-painted-${scheme}.png` })
      await page.waitForFunction(
        () => document.querySelector<HTMLElement>('.rp-frame')?.style.visibility === 'hidden',
      )
      await page.screenshot({ path: `${ARTIFACTS}replay-seek-shown-${scheme}.png` })
      await context.close()
    }
    console.log(`Wrote ${ARTIFACTS}replay-{open,mid-seek,seek-painted,seek-shown}-{light,dark}.png`)
  } finally {
    await browser.close()
    await server.close()
  }
}

// Exits when done: after server.close() something still holds the event loop (seen twice, not
// chased; the screenshots are written by then).
main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err)
    process.exit(1)
  },
)
