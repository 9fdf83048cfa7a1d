import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

import { type ChildServer, freePort, spawnServer } from './child.js'
import { createDatabase, startPostgres, startRedis } from './services.js'

/**
 * The compose topology without Docker: Debian's nginx with `deploy/nginx.conf` (upstreams
 * templated to local ports), two Mockboard processes, a real PostgreSQL and Redis.
 */

const NGINX_CONF = fileURLToPath(new URL('../../deploy/nginx.conf', import.meta.url))
/** The upstream that served a response, as a header the tests read (never in the deployed file). */
export const UPSTREAM_HEADER = 'x-test-upstream'

export function nginxBin(): string | null {
  for (const candidate of [process.env.NGINX_PATH, '/usr/sbin/nginx', 'nginx']) {
    if (!candidate) continue
    const found = spawnSync('sh', ['-c', `command -v ${candidate}`], { encoding: 'utf8' }).stdout.trim()
    if (found) return found
  }
  return null
}

/**
 * `deploy/nginx.conf` with its upstreams and listen address pointed at this machine. Everything
 * else (headers, timeouts, body size, upgrade handling) is the deployed file's own.
 */
export function templateNginxConf(
  source: string,
  opts: { listen: number; upstreams: number[]; dir: string },
): string {
  const upstream = opts.upstreams.map((p) => `    server 127.0.0.1:${p};`).join('\n')
  const templated = source
    .replace(/upstream mockboard \{[^}]*\}/, `upstream mockboard {\n${upstream}\n  }`)
    .replace(/listen 80;/, `listen 127.0.0.1:${opts.listen};`)
    .replace(
      /http \{/,
      [
        'http {',
        `  access_log off;`,
        `  client_body_temp_path ${opts.dir}/body;`,
        `  proxy_temp_path ${opts.dir}/proxy;`,
        `  fastcgi_temp_path ${opts.dir}/fastcgi;`,
        `  uwsgi_temp_path ${opts.dir}/uwsgi;`,
        `  scgi_temp_path ${opts.dir}/scgi;`,
        `  add_header ${UPSTREAM_HEADER} $upstream_addr always;`,
      ].join('\n'),
    )
  if (templated.includes('app1:3000') || !templated.includes(`listen 127.0.0.1:${opts.listen}`))
    throw new Error('deploy/nginx.conf changed shape: update templateNginxConf')
  return templated
}

export interface Nginx {
  url: string
  process: ChildProcess
  stop(): Promise<void>
}

/** Runs nginx in the foreground from a temp prefix; resolves once it answers through to an upstream. */
export async function startNginx(upstreams: number[]): Promise<Nginx> {
  const bin = nginxBin()
  if (!bin) throw new Error('nginx not found: apt-get install nginx, or set NGINX_PATH')
  const dir = mkdtempSync(join(tmpdir(), 'mockboard-nginx-'))
  // Workers run as nobody when nginx starts as root: they must reach the temp folders.
  chmodSync(dir, 0o777)
  for (const sub of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi', 'logs'])
    mkdirSync(join(dir, sub), { mode: 0o777 })
  const listen = await freePort()
  const conf = join(dir, 'nginx.conf')
  writeFileSync(conf, templateNginxConf(readFileSync(NGINX_CONF, 'utf8'), { listen, upstreams, dir }))
  const child = spawn(
    bin,
    ['-p', dir, '-c', conf, '-e', join(dir, 'logs/error.log'), '-g', `daemon off; pid ${dir}/nginx.pid;`],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  )
  let output = ''
  child.stdout?.on('data', (c: Buffer) => (output += c.toString()))
  child.stderr?.on('data', (c: Buffer) => (output += c.toString()))
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  const url = `http://127.0.0.1:${listen}`
  const deadline = Date.now() + 15_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nginx exited with ${child.exitCode}: ${output}`)
    const ok = await fetch(`${url}/healthz`).then(
      (r) => r.ok,
      () => false,
    )
    if (ok) break
    if (Date.now() > deadline) throw new Error(`nginx did not answer on ${url}: ${output}`)
    await new Promise((r) => setTimeout(r, 100))
  }
  return {
    url,
    process: child,
    stop: async () => {
      if (child.exitCode === null) {
        child.kill('SIGQUIT')
        await exited
      }
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

export interface Topology {
  /** nginx: what browsers open. */
  url: string
  instances: ChildServer[]
  /** The instance behind an upstream address as nginx reports it (`127.0.0.1:port`). */
  instanceAt(upstream: string): ChildServer | undefined
  stop(): Promise<void>
}

export const TOPOLOGY_SECRET = 'topology-secret-'.repeat(3)

/** nginx + two instances + PostgreSQL + Redis, every process on this machine. */
export async function startTopology(): Promise<Topology> {
  const [pg, redis] = await Promise.all([startPostgres(), startRedis()])
  const stops: (() => Promise<unknown>)[] = [() => pg.stop(), () => redis.stop()]
  const stop = async () => {
    for (const s of stops.reverse()) await s().catch(() => undefined)
  }
  try {
    const databaseUrl = await createDatabase(pg.url, 'topology')
    const dataDir = mkdtempSync(join(tmpdir(), 'mockboard-topology-'))
    stops.push(async () => rmSync(dataDir, { recursive: true, force: true }))
    const env = {
      PORT: '0',
      MOCKBOARD_DATA: dataDir,
      DATABASE_URL: databaseUrl,
      REDIS_URL: redis.url,
      MOCKBOARD_SECRET: TOPOLOGY_SECRET,
      MOCKBOARD_TRUST_PROXY: '1',
    }
    const instances = await Promise.all([spawnServer(env), spawnServer(env)])
    for (const i of instances) stops.push(() => killInstance(i))
    const nginx = await startNginx(instances.map((i) => i.port))
    stops.push(() => nginx.stop())
    return {
      url: nginx.url,
      instances,
      instanceAt: (upstream) => instances.find((i) => upstream.endsWith(`:${i.port}`)),
      stop,
    }
  } catch (err) {
    await stop()
    throw err
  }
}

/** SIGKILL: no goodbye frames, no flush — what a crashed host looks like to its clients. */
export async function killInstance(instance: ChildServer): Promise<void> {
  if (instance.process.exitCode !== null || instance.process.signalCode !== null) return
  instance.process.kill('SIGKILL')
  await instance.exited
}
