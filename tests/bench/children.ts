import { type ChildProcess, spawn, type SpawnOptions } from 'node:child_process'
import { createWriteStream } from 'node:fs'
import { createServer } from 'node:net'

/**
 * Every process the bench starts. A benchmark that leaves a server or 500 sockets behind after a
 * crash or Ctrl-C poisons the next run, so each child is registered here and killed on any exit.
 */
const live = new Set<ChildProcess>()
let hooked = false

function hookExit(): void {
  if (hooked) return
  hooked = true
  const killAll = () => {
    for (const child of live) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
  }
  process.on('exit', killAll)
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      killAll()
      process.exit(130)
    })
  }
}

/** Registers a child so it dies with the bench; returns it. */
export function track<T extends ChildProcess>(child: T): T {
  hookExit()
  live.add(child)
  child.once('exit', () => live.delete(child))
  return child
}

export interface Child {
  process: ChildProcess
  pid: number
  /** Everything the child wrote to stderr, for error messages. */
  stderr(): string
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once it has exited. */
  stop(graceMs?: number): Promise<void>
  /** Resolves when the child exits by itself. */
  exited: Promise<number | null>
}

export function spawnChild(command: string, args: string[], options: SpawnOptions): Child {
  const child = track(spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] }))
  if (child.pid === undefined) throw new Error(`could not start ${command} ${args.join(' ')}`)
  let err = ''
  child.stderr?.on('data', (chunk: Buffer) => {
    err = (err + chunk.toString()).slice(-8000)
  })
  // BENCH_SERVER_LOG=<file>: keep the children's own logs (pino writes to stdout) for a post-mortem.
  const logFile = process.env.BENCH_SERVER_LOG
  if (logFile && child.stdout) child.stdout.pipe(createWriteStream(logFile, { flags: 'a' }))
  else child.stdout?.resume()
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  return {
    process: child,
    pid: child.pid,
    stderr: () => err,
    exited,
    stop: async (graceMs = 10_000) => {
      if (child.exitCode !== null || child.signalCode !== null) return
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs)
      await exited
      clearTimeout(timer)
    },
  }
}

/** A port that was free a moment ago on 127.0.0.1 (the bench never binds anything else). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

/** Polls `url` until it answers at all (any status), the child dies, or `timeoutMs` passes. */
export async function waitForHttp(url: string, child: Child, timeoutMs = 30_000): Promise<void> {
  const deadline = performance.now() + timeoutMs
  let dead = false
  void child.exited.then(() => (dead = true))
  while (performance.now() < deadline) {
    if (dead) throw new Error(`server exited before listening:\n${child.stderr()}`)
    try {
      await fetch(url, { signal: AbortSignal.timeout(1000) })
      return
    } catch {
      await new Promise((r) => setTimeout(r, 50))
    }
  }
  throw new Error(`server did not answer ${url} within ${timeoutMs} ms:\n${child.stderr()}`)
}
