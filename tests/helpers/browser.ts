import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'

import { type Browser, type BrowserContext, chromium } from 'playwright-core'

const CANDIDATES = ['chromium', '/usr/bin/chromium', 'chromium-browser', 'google-chrome']

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic',
]

function onPath(name: string): string | null {
  if (name.startsWith('/')) return existsSync(name) ? name : null
  try {
    return execFileSync('which', [name], { encoding: 'utf8' }).trim() || null
  } catch {
    return null
  }
}

/** CHROMIUM_PATH, else the first system Chromium/Chrome found; null if none. */
export function findChromium(): string | null {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH
  for (const name of CANDIDATES) {
    const found = onPath(name)
    if (found) return found
  }
  return null
}

/**
 * Whether browser tests can run here. Without Chromium they are skipped with a loud notice,
 * except in CI (CI=true), where a missing browser is a failure, not a skip.
 */
export function browserAvailable(): boolean {
  if (findChromium()) return true
  if (process.env.CI === 'true')
    throw new Error('No Chromium found (set CHROMIUM_PATH); browser tests cannot be skipped in CI')
  console.warn(
    '\n⚠️  ⚠️  No Chromium found: SKIPPING browser tests. Install chromium or set CHROMIUM_PATH.  ⚠️  ⚠️\n',
  )
  return false
}

export interface TestBrowser {
  browser: Browser
  /** A fresh, isolated context (own storage), e.g. one per participant. */
  newContext(options?: Parameters<Browser['newContext']>[0]): Promise<BrowserContext>
  close(): Promise<void>
}

/** A fake microphone (a beep) and camera that need no permission prompt, for the audio tests. */
export const FAKE_MEDIA_ARGS = [
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
  '--autoplay-policy=no-user-gesture-required',
]

export interface LaunchOptions {
  /** Chromium flags on top of CHROMIUM_ARGS (e.g. FAKE_MEDIA_ARGS). */
  extraArgs?: string[]
}

/** Launches system Chromium headless with a throwaway profile. */
export async function launchBrowser(options: LaunchOptions = {}): Promise<TestBrowser> {
  const executablePath = findChromium()
  if (!executablePath) throw new Error('No Chromium found (set CHROMIUM_PATH)')
  // launch() (unlike launchPersistentContext) gives every run a fresh temporary profile.
  const args = [...CHROMIUM_ARGS, ...(options.extraArgs ?? [])]
  const browser = await chromium.launch({ executablePath, headless: true, args })
  const contexts: BrowserContext[] = []
  return {
    browser,
    async newContext(options) {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, ...options })
      contexts.push(context)
      return context
    },
    async close() {
      await Promise.allSettled(contexts.map((c) => c.close()))
      await browser.close()
    },
  }
}

/** Aborts every request that leaves `origin`: proves the page needs no CDN. Returns the blocked URLs. */
export async function restrictToOrigin(context: BrowserContext, origin: string): Promise<string[]> {
  const blocked: string[] = []
  await context.route('**/*', (route) => {
    const url = route.request().url()
    if (url.startsWith(origin) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue()
    blocked.push(url)
    return route.abort('blockedbyclient')
  })
  return blocked
}
