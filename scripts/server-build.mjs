// Builds the server, with the shared package it imports, into server/dist: plain JavaScript that
// Node runs without a TypeScript loader. Rebuilt when missing or older than any of its sources.
import { existsSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

import { build } from 'esbuild'

import { newest } from './newest.mjs'

const root = fileURLToPath(new URL('..', import.meta.url))
const SOURCES = [
  'server/src',
  'server/package.json',
  'shared/src',
  'shared/package.json',
  'scripts/server-build.mjs',
]

/** Bare imports stay imports of node_modules, except our own shared package, which is TypeScript. */
const dependenciesOutside = {
  name: 'dependencies-outside',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path.startsWith('@mockboard/shared') ? undefined : { path: args.path, external: true },
    )
  },
}

/** How the server is bundled, here and by the path bench (tests/bench/path-bench.ts). */
export const bundleOptions = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // tsx keeps function names by wrapping every closure in a defineProperty call, made again each
  // time a hot path creates one; nothing here reads function names.
  keepNames: false,
  plugins: [dependenciesOutside],
}

/**
 * Returns true when a build ran. `outdir` is for tests. The worker threads' entry (docWorker)
 * is built beside the server's, where DocWorkerPool looks for it.
 */
export async function ensureServerBuilt({ quiet = false, outdir = join(root, 'server/dist') } = {}) {
  const built = join(outdir, 'main.mjs')
  const builtAt = existsSync(built) ? statSync(built).mtimeMs : 0
  const sourcesAt = Math.max(...SOURCES.map((s) => newest(join(root, s))))
  if (builtAt > 0 && builtAt >= sourcesAt) return false
  if (!quiet) console.log('mockboard: building the server…')
  await build({
    absWorkingDir: root,
    entryPoints: { main: 'server/src/main.ts', docWorker: 'server/src/replay/docWorker.ts' },
    outdir,
    outExtension: { '.js': '.mjs' },
    ...bundleOptions,
    sourcemap: 'linked',
    logLevel: quiet ? 'error' : 'warning',
  })
  return true
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await ensureServerBuilt()
