import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

/** The latest modification time under `path` (a file or a folder, recursively); 0 when missing. */
export function newest(path) {
  if (!existsSync(path)) return 0
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.mtimeMs
  return readdirSync(path).reduce((max, name) => Math.max(max, newest(join(path, name))), stat.mtimeMs)
}
