import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const DIST_INDEX = join(ROOT, 'client/dist/index.html')
const SOURCES = ['client/src', 'client/index.html', 'client/vite.config.ts', 'shared/src']

function newestMtime(path: string): number {
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.mtimeMs
  return readdirSync(path).reduce((max, name) => Math.max(max, newestMtime(join(path, name))), stat.mtimeMs)
}

/** Builds client/dist unless it is newer than every client and shared source file. */
export function ensureClientBuilt(): void {
  const built = existsSync(DIST_INDEX) ? statSync(DIST_INDEX).mtimeMs : 0
  const sources = Math.max(...SOURCES.map((p) => join(ROOT, p)).filter(existsSync).map(newestMtime))
  if (built > sources) return
  execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: join(ROOT, 'client'), stdio: 'inherit' })
}
