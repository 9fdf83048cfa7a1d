import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { freePort } from './child.js'

/**
 * Real PostgreSQL and Redis servers for scale-out tests, started in temp folders on free ports.
 * Where the binaries are missing the tests skip with a loud notice, except under CI=true.
 */

export interface Service {
  url: string
  stop(): Promise<void>
}

function pgBin(): string | null {
  if (process.env.PG_BIN) return process.env.PG_BIN
  const root = '/usr/lib/postgresql'
  if (!existsSync(root)) return null
  const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a))
  for (const v of versions) if (existsSync(join(root, v, 'bin', 'initdb'))) return join(root, v, 'bin')
  return null
}

function redisBin(): string | null {
  const found = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' }).stdout.trim()
  return found || null
}

/** Why scale-out tests cannot run here, or null when they can. */
export function missingServices(): string | null {
  if (!pgBin()) return 'PostgreSQL (initdb/pg_ctl) not found: apt-get install postgresql, or set PG_BIN'
  if (!redisBin()) return 'redis-server not found: apt-get install redis-server'
  return null
}

export function skipUnlessServices(): boolean {
  const missing = missingServices()
  if (!missing) return false
  if (process.env.CI === 'true') throw new Error(`scale-out tests need real servers under CI: ${missing}`)
  console.warn(`\n!!! SKIPPING scale-out tests: ${missing}\n`)
  return true
}

/** PostgreSQL refuses to run as root: run its tools as the `postgres` user then. */
function asPostgres(cmd: string, args: string[]): [string, string[]] {
  return process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args]
}

/** Where a service runs: `cores` pins it and every process it starts (`taskset -c`). */
export interface ServiceOptions {
  cores?: string
}

/** `[cmd, args]` wrapped in `taskset -c cores` where cores are given. */
function onCores(cores: string | undefined, [cmd, args]: [string, string[]]): [string, string[]] {
  return cores ? ['taskset', ['-c', cores, cmd, ...args]] : [cmd, args]
}

export async function startPostgres({ cores }: ServiceOptions = {}): Promise<Service> {
  const bin = pgBin()
  if (!bin) throw new Error('PostgreSQL not found')
  const dir = mkdtempSync(join(tmpdir(), 'mockboard-pg-'))
  if (process.getuid?.() === 0) {
    const pw = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' })
    const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' })
    chownSync(dir, Number(pw.stdout), Number(gid.stdout))
  }
  const data = join(dir, 'data')
  const run = (tool: string, args: string[]) => {
    // The postmaster and its backends inherit pg_ctl's cores.
    const [cmd, argv] = onCores(cores, asPostgres(join(bin, tool), args))
    const result = spawnSync(cmd, argv, { encoding: 'utf8', cwd: dir })
    if (result.status !== 0) throw new Error(`${tool} failed: ${result.stderr || result.stdout}`)
  }
  run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync'])
  const port = await freePort()
  // fsync off: these are throwaway test databases; durability is tested against SQLite files.
  run('pg_ctl', [
    '-D',
    data,
    '-w',
    '-l',
    join(dir, 'log'),
    '-o',
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off`,
    'start',
  ])
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop: async () => {
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop'])
      } finally {
        rmSync(dir, { recursive: true, force: true })
      }
    },
  }
}

/** A fresh database inside a running server, so suites don't see each other's rows. */
export async function createDatabase(serverUrl: string, name: string): Promise<string> {
  const { default: pg } = await import('pg')
  const client = new pg.Client({ connectionString: serverUrl })
  await client.connect()
  await client.query(`DROP DATABASE IF EXISTS ${name}`)
  await client.query(`CREATE DATABASE ${name}`)
  await client.end()
  return serverUrl.replace(/\/[^/]+$/, `/${name}`)
}

export async function startRedis({ cores }: ServiceOptions = {}): Promise<
  Service & { process: ChildProcess }
> {
  const bin = redisBin()
  if (!bin) throw new Error('redis-server not found')
  const port = await freePort()
  // taskset execs redis-server: the child is the server itself.
  const child = spawn(
    ...onCores(cores, [
      bin,
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    ]),
    { stdio: ['ignore', 'pipe', 'pipe'] },
  )
  await new Promise<void>((resolve, reject) => {
    let out = ''
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      if (out.includes('Ready to accept connections')) resolve()
    })
    child.on('exit', (code) => reject(new Error(`redis-server exited with ${code}: ${out}`)))
  })
  child.stdout?.resume()
  return {
    process: child,
    url: `redis://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve()
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
      }),
  }
}
