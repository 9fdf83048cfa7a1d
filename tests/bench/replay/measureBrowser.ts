import type { Page } from 'playwright-core'

import { launchBrowser, type TestBrowser } from '../../helpers/browser.js'
import { Rng } from './rng.js'
import { summarize, type Summary } from './stats.js'

export interface BrowserFigures {
  chromium: string
  /** From opening the link to the first instant shown (history + final board + first state). */
  openMs: number
  /**
   * The page's own marks on the way there (ms since navigation): the history in, the final
   * board built (by the log worker), put in the store, tldraw mounted, the board painted fitted
   * (`openMs` ends when the page, busy drawing, gets to tell the bench).
   */
  openSteps: {
    history: number
    finalBoard: number
    shown: number
    painted: number
    editor: number
    drawn: number
  }
  /** From opening the link until every segment of the log is in the page. */
  loadedMs: number
  /**
   * The session's first open, in a page of its own before the one measured below, on a server
   * process just started: nothing of this session was read before, and the server's own code is
   * cold (its compiler has not seen these requests yet). ms since navigation.
   */
  firstOpen: { history: number; painted: number; loaded: number }
  /** `far`: the seeks among them that jumped FAR_MS or more from the instant shown before. */
  cold: { shownMs: Summary; paintedMs: Summary; applyMs: Summary; far: Summary }
  warm: { shownMs: Summary; paintedMs: Summary; applyMs: Summary; far: Summary }
  /** 20 seeks back and forth between the first and last thirds, after the 16× run and the sweep. */
  farJumps: { paintedMs: Summary; applyMs: Summary }
  drag: { inputs: number; framesShown: number; settleMs: number; durationMs: number }
  /** 5 s of playing at 16× from the start: frames painted, frames dropped (gaps over 1.5 frame times), instants drawn. */
  play16: { frames: number; dropped: number; longestGapMs: number; instants: number }
  /**
   * JS heap of the page (after a forced collection): opened, whole session loaded, after the 16×
   * run, after sweeping the scrubber through the session (a stop per minute, each drawn), after
   * the 20 far jumps.
   */
  heapMB: { open: number; loaded: number; afterPlay: number; afterSweep: number; afterFarJumps: number }
  /** Seeks whose shape count on the page differed from the server's state at that instant. */
  mismatches: number
}

/**
 * Runs in the page. Moves the scrubber like a user (native value setter + `input` event, which
 * is what React listens to), then times until the board's render marker names that instant
 * (`data-shown-at`, set right after the store took the frame) and until the next frame painted.
 */
const SEEK = `async (offset) => {
  const root = document.querySelector('.rp-page');
  const input = document.querySelector('.rp-scrub');
  const want = String(Math.round(Number(root.dataset.start) + offset));
  const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
  performance.clearMeasures('replay:apply');
  const t0 = performance.now();
  const shown = new Promise((resolve, reject) => {
    if (root.dataset.shownAt === want) return resolve(performance.now());
    const timer = setTimeout(() => { observer.disconnect(); reject(new Error('seek to ' + offset + ' not shown in 15 s')); }, 15000);
    const observer = new MutationObserver(() => {
      if (root.dataset.shownAt !== want) return;
      observer.disconnect(); clearTimeout(timer); resolve(performance.now());
    });
    observer.observe(root, { attributes: true, attributeFilter: ['data-shown-at'] });
  });
  setValue.call(input, String(offset));
  input.dispatchEvent(new Event('input', { bubbles: true }));
  const at = await shown;
  await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  const applyMs = performance.getEntriesByName('replay:apply').reduce((n, m) => n + m.duration, 0);
  return { shownMs: at - t0, paintedMs: performance.now() - t0, applyMs, shapes: Number(root.dataset.shapes) };
}`

/** A 2-second drag across ten minutes of session: how many distinct instants reach the board. */
const DRAG = `async ({ from, span, inputs }) => {
  const root = document.querySelector('.rp-page');
  const input = document.querySelector('.rp-scrub');
  const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
  const seen = new Set();
  const observer = new MutationObserver(() => seen.add(root.dataset.shownAt));
  observer.observe(root, { attributes: true, attributeFilter: ['data-shown-at'] });
  const t0 = performance.now();
  let last = 0;
  for (let i = 1; i <= inputs; i++) {
    last = Math.round((from + (span * i) / inputs) / 100) * 100;
    setValue.call(input, String(last));
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await new Promise((r) => setTimeout(r, 16));
  }
  const released = performance.now();
  const want = String(Math.round(Number(root.dataset.start) + last));
  while (root.dataset.shownAt !== want && performance.now() - released < 15000) await new Promise((r) => requestAnimationFrame(r));
  observer.disconnect();
  return { inputs, framesShown: seen.size, settleMs: performance.now() - released, durationMs: released - t0 };
}`

/** Plays at 16× for `ms` and counts frames, gaps longer than 1.5 frames, and distinct instants drawn. */
const PLAY = `async (ms) => {
  const root = document.querySelector('.rp-page');
  const seen = new Set();
  const observer = new MutationObserver(() => seen.add(root.dataset.shownAt));
  observer.observe(root, { attributes: true, attributeFilter: ['data-shown-at'] });
  let frames = 0, dropped = 0, longest = 0, last = performance.now();
  const t0 = last;
  await new Promise((resolve) => {
    const tick = (now) => {
      const gap = now - last;
      last = now;
      if (frames > 0) { if (gap > 25) dropped += Math.round(gap / 16.7) - 1; longest = Math.max(longest, gap); }
      frames++;
      if (now - t0 < ms) requestAnimationFrame(tick); else resolve();
    };
    requestAnimationFrame(tick);
  });
  observer.disconnect();
  return { frames, dropped, longestGapMs: Math.round(longest), instants: seen.size };
}`

/** A jump at least this far (or a quarter of a shorter session) counts as far. */
const FAR_MS = 10 * 60_000

interface SeekResult {
  applyMs: number
  shownMs: number
  paintedMs: number
  shapes: number
}

/** Opens the replay page, then seeks cold (30 random instants), warm (the same again) and drags. */
export async function measureBrowser(opts: {
  url: string
  seed: number
  expectShapes(at: number): Promise<number>
}): Promise<BrowserFigures> {
  const browser = await launchBrowser()
  try {
    const firstOpen = await openOnce(browser, opts.url)
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } })
    const page = await context.newPage()
    const cdp = await context.newCDPSession(page)
    const heap = async () => {
      await cdp.send('HeapProfiler.collectGarbage')
      const { usedSize } = await cdp.send('Runtime.getHeapUsage')
      return Math.round(usedSize / 1048576)
    }
    const t0 = performance.now()
    await page.goto(opts.url)
    await page.waitForSelector('.rp-page[data-shown-at]', { timeout: 60_000 })
    const openMs = performance.now() - t0
    await page.waitForFunction(() => performance.getEntriesByName('replay:drawn').length > 0)
    const marks = await marksOf(page, ['history', 'final', 'shown', 'painted', 'editor', 'drawn'])
    const { final: finalBoard, ...rest } = marks
    const openSteps: BrowserFigures['openSteps'] = { ...rest, finalBoard }
    // The page's timeline starts a second before the first activity; offsets are from there.
    const start = Number(await page.getAttribute('.rp-page', 'data-start'))
    const durationMs = Number(await page.getAttribute('.rp-scrub', 'max'))
    const rng = new Rng(opts.seed)
    const offsets = Array.from({ length: 30 }, () => Math.round(rng.between(0, durationMs) / 100) * 100)
    const heapOpen = await heap()
    const far = Math.min(FAR_MS, durationMs / 4)
    // The page opens on the last instant; each seek's distance is from the instant shown before.
    let shownOffset = durationMs
    const seek = async (offset: number) => {
      const r = await page.evaluate<SeekResult>(`(${SEEK})(${offset})`)
      const jumped = Math.abs(offset - shownOffset)
      shownOffset = offset
      return { ...r, far: jumped >= far }
    }
    const farOf = (rs: (SeekResult & { far: boolean })[]) =>
      summarize(rs.filter((r) => r.far).map((r) => r.paintedMs))
    const cold: (SeekResult & { far: boolean })[] = []
    let mismatches = 0
    for (const offset of offsets) {
      const r = await seek(offset)
      cold.push(r)
      if (r.shapes !== (await opts.expectShapes(start + offset))) mismatches++
    }
    await page.waitForSelector('.rp-page[data-loaded="1"]', { timeout: 120_000 })
    // The page marks the moment its last segment arrived (ms since navigation started).
    const loadedMs = Math.round(
      Number(await page.evaluate('performance.getEntriesByName("replay:loaded")[0].startTime')),
    )
    const warm: (SeekResult & { far: boolean })[] = []
    for (const offset of offsets) warm.push(await seek(offset))
    const drag = await page.evaluate<BrowserFigures['drag']>(
      `(${DRAG})(${JSON.stringify({ from: durationMs * 0.3, span: 600_000, inputs: 120 })})`,
    )
    const heapLoaded = await heap()
    await page.keyboard.press('Home')
    await page.keyboard.press('5')
    await page.keyboard.press('Space')
    const play16 = await page.evaluate<BrowserFigures['play16']>(`(${PLAY})(5000)`)
    await page.keyboard.press('Space')
    const heapAfterPlay = await heap()
    // Every minute of the session drawn once: on a long session more than the page keeps.
    for (let offset = 0; offset <= durationMs; offset += 60_000) await seek(offset)
    const heapAfterSweep = await heap()
    const jumps: SeekResult[] = []
    for (let i = 0; i < 20; i++) {
      const third = rng.between(0, durationMs / 3)
      jumps.push(await seek(Math.round((i % 2 === 0 ? third : durationMs - third) / 100) * 100))
    }
    const heapMB = {
      open: heapOpen,
      loaded: heapLoaded,
      afterPlay: heapAfterPlay,
      afterSweep: heapAfterSweep,
      afterFarJumps: await heap(),
    }
    return {
      chromium: browser.browser.version(),
      play16,
      heapMB,
      openMs: Math.round(openMs),
      openSteps,
      loadedMs,
      firstOpen,
      cold: {
        shownMs: summarize(cold.map((r) => r.shownMs)),
        paintedMs: summarize(cold.map((r) => r.paintedMs)),
        applyMs: summarize(cold.map((r) => r.applyMs)),
        far: farOf(cold),
      },
      warm: {
        shownMs: summarize(warm.map((r) => r.shownMs)),
        paintedMs: summarize(warm.map((r) => r.paintedMs)),
        applyMs: summarize(warm.map((r) => r.applyMs)),
        far: farOf(warm),
      },
      farJumps: {
        paintedMs: summarize(jumps.map((r) => r.paintedMs)),
        applyMs: summarize(jumps.map((r) => r.applyMs)),
      },
      drag: { ...drag, settleMs: Math.round(drag.settleMs), durationMs: Math.round(drag.durationMs) },
      mismatches,
    }
  } finally {
    await browser.close()
  }
}

/** Opens the replay in a fresh context and waits until the whole session is in: the page's marks. */
async function openOnce(browser: TestBrowser, url: string): Promise<BrowserFigures['firstOpen']> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } })
  try {
    const page = await context.newPage()
    await page.goto(url)
    await page.waitForFunction(() => performance.getEntriesByName('replay:loaded').length > 0, undefined, {
      timeout: 120_000,
    })
    return await marksOf(page, ['history', 'painted', 'loaded'])
  } finally {
    await context.close()
  }
}

/** The page's `replay:<name>` marks, ms since navigation (-1: not made). */
function marksOf<K extends string>(page: Page, names: readonly K[]): Promise<Record<K, number>> {
  return page.evaluate<Record<K, number>>(`(() => Object.fromEntries(${JSON.stringify(names)}.map((name) =>
    [name, Math.round(performance.getEntriesByName('replay:' + name)[0]?.startTime ?? -1)])))()`)
}
