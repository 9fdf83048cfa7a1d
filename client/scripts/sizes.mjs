// Prints every JS chunk's gzip size, what the session page loads before the board is usable
// (entry + SessionPage chunk and their static imports; lazy chunks such as notes/replay excluded)
// and what the replay draws its first frame with (the entry and the replay's chunk with their
// static imports, client/chunking.ts; tldraw's code comes later). tests/integration/bundle.test.ts
// holds both to their budgets.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'

/** A bare tldraw 5 app built with Vite 8 (gzip); the issue allows 15% on top. */
const BARE_TLDRAW_KB = 577
export const BUDGETS = {
  /** The session page before the board is usable, kB of gzip. */
  sessionKb: BARE_TLDRAW_KB * 1.15,
  /** The replay's first frame: ~170 kB of gzip; tldraw's code alone would add ~500. */
  replayKb: 250,
  /** Its files: each a request, six at a time over HTTP/1.1 (27 before client/chunking.ts). */
  replayFiles: 8,
}
const SESSION_MODULE = 'src/session/SessionPage.tsx'
const REPLAY_CHUNK = 'replay'

/** The build in `dist`, measured: each JS file's gzip kB, and the two first loads above. */
export function measureBundle(dist = fileURLToPath(new URL('../dist/', import.meta.url))) {
  const manifest = JSON.parse(readFileSync(join(dist, '.vite/manifest.json'), 'utf8'))
  const gzipKb = (file) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length / 1024
  const sizes = new Map(
    readdirSync(join(dist, 'assets'))
      .filter((f) => f.endsWith('.js'))
      .map((f) => [`assets/${f}`, gzipKb(`assets/${f}`)]),
  )
  const staticClosure = (keys, seen = new Set()) => {
    for (const key of keys) {
      const chunk = manifest[key]
      if (!chunk || seen.has(chunk.file)) continue
      seen.add(chunk.file)
      staticClosure(chunk.imports ?? [], seen)
    }
    return seen
  }
  const entryKey = Object.keys(manifest).find((k) => manifest[k].isEntry)
  const replayKey = Object.keys(manifest).find((k) => manifest[k].name === REPLAY_CHUNK && k.endsWith('.js'))
  const load = (files) => ({ files, kb: [...files].reduce((a, f) => a + (sizes.get(f) ?? 0), 0) })
  return {
    sizes,
    session: manifest[SESSION_MODULE] ? load(staticClosure([entryKey, SESSION_MODULE])) : null,
    replay: replayKey ? load(staticClosure([entryKey, replayKey])) : null,
  }
}

function print() {
  const { sizes, session, replay } = measureBundle()
  const fmt = (kb) => `${kb.toFixed(1).padStart(8)} kB`
  const verdict = (ok) => (ok ? 'OK' : 'OVER BUDGET')
  console.log('\nJS chunks (gzip):')
  for (const [file, kb] of [...sizes].sort((a, b) => b[1] - a[1]))
    console.log(
      `${fmt(kb)}  ${session?.files.has(file) ? '*' : ' '}${replay?.files.has(file) ? 'r' : ' '} ${file}`,
    )
  console.log(`${fmt([...sizes.values()].reduce((a, b) => a + b, 0))}     all JS`)
  if (!session) console.warn(`! ${SESSION_MODULE} is not its own chunk: is it still lazy-loaded?`)
  else {
    console.log(`${fmt(session.kb)}  *  session page before the board is usable, ${session.files.size} files`)
    console.log(
      `          budget ${BUDGETS.sessionKb.toFixed(0)} kB (bare tldraw ${BARE_TLDRAW_KB} kB + 15%): ${verdict(session.kb <= BUDGETS.sessionKb)}`,
    )
  }
  if (!replay) console.warn(`! no chunk named "${REPLAY_CHUNK}" (client/chunking.ts)`)
  else {
    console.log(`${fmt(replay.kb)}   r the replay's first frame, ${replay.files.size} files`)
    console.log(
      `          budget ${BUDGETS.replayKb} kB in ${BUDGETS.replayFiles} files: ${verdict(replay.kb <= BUDGETS.replayKb && replay.files.size <= BUDGETS.replayFiles)}`,
    )
  }
  console.log('')
}

if (process.argv[1] === fileURLToPath(import.meta.url)) print()
