// Prints every JS chunk's gzip size and what the session page loads before the board is usable
// (entry + SessionPage chunk and their static imports; lazy chunks such as notes/replay excluded).
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'

const DIST = new URL('../dist/', import.meta.url).pathname
/** A bare tldraw 5 app built with Vite 8 (gzip); the issue allows 15% on top. */
const BARE_TLDRAW_KB = 577
const BUDGET_KB = BARE_TLDRAW_KB * 1.15
const SESSION_MODULE = 'src/session/SessionPage.tsx'

const manifest = JSON.parse(readFileSync(join(DIST, '.vite/manifest.json'), 'utf8'))
const gzipKb = (file) => gzipSync(readFileSync(join(DIST, file)), { level: 9 }).length / 1024
const fmt = (kb) => `${kb.toFixed(1).padStart(8)} kB`

const jsFiles = readdirSync(join(DIST, 'assets'))
  .filter((f) => f.endsWith('.js'))
  .map((f) => `assets/${f}`)
const sizes = new Map(jsFiles.map((f) => [f, gzipKb(f)]))

function staticClosure(keys, seen = new Set()) {
  for (const key of keys) {
    const chunk = manifest[key]
    if (!chunk || seen.has(chunk.file)) continue
    seen.add(chunk.file)
    staticClosure(chunk.imports ?? [], seen)
  }
  return seen
}

const entryKey = Object.keys(manifest).find((k) => manifest[k].isEntry)
const sessionFiles = staticClosure([entryKey, SESSION_MODULE])
if (!manifest[SESSION_MODULE])
  console.warn(`! ${SESSION_MODULE} is not its own chunk: is it still lazy-loaded?`)

console.log('\nJS chunks (gzip):')
for (const [file, kb] of [...sizes].sort((a, b) => b[1] - a[1])) {
  console.log(`${fmt(kb)}  ${sessionFiles.has(file) ? '*' : ' '} ${file}`)
}
const total = [...sizes.values()].reduce((a, b) => a + b, 0)
const session = [...sessionFiles].reduce((a, f) => a + (sizes.get(f) ?? 0), 0)
console.log(`${fmt(total)}    all JS`)
console.log(`${fmt(session)}  * session page before the board is usable`)
console.log(
  `          budget ${BUDGET_KB.toFixed(0)} kB (bare tldraw ${BARE_TLDRAW_KB} kB + 15%): ${session <= BUDGET_KB ? 'OK' : 'OVER BUDGET'}\n`,
)
