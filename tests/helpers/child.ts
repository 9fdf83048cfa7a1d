import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))

export interface ChildServer {
  process: ChildProcess
  port: number
  url: string
  syncUrl: string
  /** Resolves when the process has exited. */
  exited: Promise<number | null>
}

/** A port that was free a moment ago, so a restarted server can take the same one. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer()
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address()
      const port = typeof address === 'object' && address ? address.port : 0
      srv.close(() => resolve(port))
    })
    srv.on('error', reject)
  })
}

/**
 * Our server as `npm start` runs it: built to plain JavaScript (scripts/server-build.mjs) and run by
 * Node alone; the entry, relative to `root`. A checkout from before that build existed runs from
 * its sources through tsx.
 */
export async function builtServerEntry(root = ROOT): Promise<string> {
  const script = join(root, 'scripts/server-build.mjs')
  if (!existsSync(script)) return 'server/src/main.ts'
  const { ensureServerBuilt } = (await import(script)) as {
    ensureServerBuilt(options: { quiet: boolean }): Promise<boolean>
  }
  await ensureServerBuilt({ quiet: true })
  return 'server/dist/main.mjs'
}

/**
 * Runs server/src/main.ts in its own process and waits until it listens. `entry`: a built server
 * (see scripts/server-build.mjs) run by Node alone, as `npm start` runs it.
 */
export async function spawnServer(
  env: Record<string, string>,
  { entry }: { entry?: string } = {},
): Promise<ChildServer> {
  const args = entry ? ['--enable-source-maps', entry] : ['--import', 'tsx', 'server/src/main.ts']
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  let output = ''
  const port = await new Promise<number>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      const match = /"port":(\d+).*Mockboard is up/.exec(output)
      if (match) {
        child.stdout?.off('data', onData)
        resolve(Number(match[1]))
      }
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
    void exited.then((code) => reject(new Error(`server exited with ${code} before listening:\n${output}`)))
  })
  // Keep draining so a chatty server never blocks on a full pipe.
  child.stdout?.resume()
  return {
    process: child,
    port,
    url: `http://127.0.0.1:${port}`,
    syncUrl: `ws://127.0.0.1:${port}/sync`,
    exited,
  }
}
