// Builds the client when client/dist is missing or older than any of its sources.
import { spawnSync } from 'node:child_process'
import { existsSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

import { newest } from './newest.mjs'

const root = fileURLToPath(new URL('..', import.meta.url))
const SOURCES = [
  'client/src',
  'client/index.html',
  'client/vite.config.ts',
  'client/precompress.ts',
  'client/chunking.ts',
  'client/package.json',
  'client/public',
  'shared/src',
]

/** Returns true when a build ran. Throws when it failed. */
export function ensureClientBuilt({ quiet = false } = {}) {
  const built = join(root, 'client/dist/index.html')
  const builtAt = existsSync(built) ? statSync(built).mtimeMs : 0
  const sourcesAt = Math.max(...SOURCES.map((s) => newest(join(root, s))))
  if (builtAt > 0 && builtAt >= sourcesAt) return false
  if (!quiet)
    console.log(
      builtAt
        ? 'mockboard: client sources changed, rebuilding…'
        : 'mockboard: building the client (first start)…',
    )
  const result = spawnSync(
    process.platform === 'win32' ? 'npm.cmd' : 'npm',
    ['run', 'build', '-w', 'client'],
    {
      cwd: root,
      stdio: quiet ? 'pipe' : 'inherit',
      // Always the production build: a test runner's NODE_ENV=test would otherwise make Vite ship
      // React's development build, which `npm start` would then serve as it is.
      env: { ...process.env, NODE_ENV: 'production' },
    },
  )
  if (result.status !== 0) {
    throw new Error(
      `client build failed (exit ${result.status})${quiet ? `\n${result.stdout}\n${result.stderr}` : ''}`,
    )
  }
  return true
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) ensureClientBuilt()
