import { mkdtempSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

import type { CreateSessionResponse } from '@mockboard/shared'

import { builtServerEntry } from '../helpers/child.js'
import { createDatabase, startPostgres, startRedis } from '../helpers/services.js'
import { type Child, freePort, spawnChild, waitForHttp } from './children.js'
import type { TargetName } from './options.js'
import type { ClientKind, SessionSpec } from './workerProtocol.js'

export const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const require = createRequire(import.meta.url)

export interface RunningServer {
  /** Every server process: CPU and memory figures are their sums. */
  children: Child[]
  baseUrl: string
  /** What a client passes as its server url; client i of a session uses syncUrls[i % length]. */
  syncUrls: string[]
  dataDir: string | null
  stop(options?: { keepData?: boolean }): Promise<void>
}

export interface Target {
  name: TargetName
  /** What the server does per update that the others may not. */
  description: string
  clientKind: ClientKind
  start(options?: StartOptions): Promise<RunningServer>
  /** Creates `count` rooms with `clients` credentials each. */
  prepare(server: RunningServer, count: number, clients: number): Promise<SessionSpec[]>
}

export interface StartOptions {
  /** Reuse a data folder (cold join); a fresh temp folder otherwise. */
  dataDir?: string
  env?: Record<string, string>
  /** Directory for `node --cpu-prof` output. */
  cpuProfDir?: string
  /** Run the server of another checkout (comparing a change against a baseline). */
  root?: string
  /**
   * Cores the server runs on from its first instruction (`taskset -c`), so what it sizes by its
   * core count (Node's thread pool, our log writer) sees the cores it really has.
   */
  cores?: string
  /** Cores for the services a target starts (PostgreSQL, Redis): see `Pinning.services`. */
  serviceCores?: string
}

/**
 * `node [--import tsx] <script>` rather than the tsx CLI, so the pid we measure is the server
 * itself; tsx only for TypeScript.
 */
async function startNode(
  script: string,
  env: Record<string, string>,
  readyPath: string,
  { cpuProfDir, root = ROOT, cores }: StartOptions = {},
): Promise<{ child: Child; port: number }> {
  const port = await freePort()
  const nodeArgs = [
    ...(script.endsWith('.ts') ? ['--import', 'tsx'] : []),
    ...(cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfDir}`] : []),
    script,
  ]
  // taskset execs node: the pid measured is still the server's.
  const [command, args] = cores
    ? ['taskset', ['-c', cores, process.execPath, ...nodeArgs]]
    : [process.execPath, nodeArgs]
  const child = spawnChild(command, args, {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      ...env,
    },
  })
  await waitForHttp(`http://127.0.0.1:${port}${readyPath}`, child)
  return { child, port }
}

const mockboard: Target = {
  name: 'mockboard',
  description:
    'auth tokens, per-doc permissions, rate limits, every update in its log (journal, then SQLite) before relay',
  clientKind: 'y-websocket',
  async start(options = {}) {
    const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'mockboard-bench-'))
    // The bench opens thousands of sessions and reads from one address: per-address budgets off,
    // and the whole-server socket and room caps would refuse the load itself.
    const caps = {
      MOCKBOARD_MAX_SOCKETS: '1000000',
      MOCKBOARD_MAX_SOCKETS_PER_ADDRESS: '1000000',
      MOCKBOARD_MAX_ROOMS: '1000000',
    }
    const env = {
      MOCKBOARD_DATA: dataDir,
      LOG_LEVEL: 'warn',
      MOCKBOARD_CREATE_PER_MINUTE: '0',
      MOCKBOARD_READS_PER_MINUTE: '0',
      ...caps,
      ...options.env,
    }
    const entry = await builtServerEntry(options.root ?? ROOT)
    const { child, port } = await startNode(entry, env, '/healthz', options)
    return {
      children: [child],
      baseUrl: `http://127.0.0.1:${port}`,
      syncUrls: [`ws://127.0.0.1:${port}/sync`],
      dataDir,
      stop: async ({ keepData = false } = {}) => {
        await child.stop()
        if (!keepData && !options.dataDir) rmSync(dataDir, { recursive: true, force: true })
      },
    }
  },
  prepare: createMockboardSessions,
}

async function createMockboardSessions(
  server: RunningServer,
  count: number,
  clients: number,
): Promise<SessionSpec[]> {
  const specs: SessionSpec[] = new Array(count)
  let next = 0
  // A few requests in flight at a time: fast, without turning setup into an HTTP burst test.
  const creator = async (): Promise<void> => {
    while (next < count) {
      const index = next++
      specs[index] = await createMockboardSession(server.baseUrl, clients)
    }
  }
  await Promise.all(Array.from({ length: 8 }, creator))
  return specs
}

/**
 * The scale-out topology: two of our servers sharing a PostgreSQL and a Redis (both started here),
 * the clients of each session split between them, so every delivery crosses Redis.
 */
const mockboardTwoInstances: Target = {
  name: 'mockboard-two-instances',
  description: 'two of our servers, PostgreSQL as the log, Redis between them; each session spans both',
  clientKind: 'y-websocket',
  async start(options = {}) {
    const services = { cores: options.serviceCores }
    const [pg, redis] = await Promise.all([startPostgres(services), startRedis(services)])
    const databaseUrl = await createDatabase(pg.url, 'bench')
    const shared = {
      DATABASE_URL: databaseUrl,
      REDIS_URL: redis.url,
      MOCKBOARD_SECRET: 'bench-secret-'.repeat(4),
      ...options.env,
    }
    const one = await mockboard.start({ ...options, env: shared })
    const two = await mockboard.start({ ...options, env: shared })
    return {
      children: [...one.children, ...two.children],
      baseUrl: one.baseUrl,
      syncUrls: [...one.syncUrls, ...two.syncUrls],
      dataDir: null,
      stop: async () => {
        await Promise.all([one.stop(), two.stop()])
        await Promise.all([redis.stop(), pg.stop()])
      },
    }
  },
  prepare: createMockboardSessions,
}

/** POST /api/sessions; clients alternate interviewer and candidate tokens, both may write the board. */
export async function createMockboardSession(baseUrl: string, clients: number): Promise<SessionSpec> {
  const res = await fetch(`${baseUrl}/api/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{}',
  })
  if (res.status !== 201) throw new Error(`POST /api/sessions: ${res.status} ${await res.text()}`)
  const created = (await res.json()) as CreateSessionResponse
  const token = (link: string) => new URLSearchParams(link.split('#')[1]).get('token') ?? ''
  const writers = [token(created.links.interviewer), token(created.links.candidate)]
  return { room: `${created.id}/board`, tokens: Array.from({ length: clients }, (_, i) => writers[i % 2]!) }
}

/** Reference servers take any room name and no credentials. */
const anonymousRooms = (count: number, clients: number): SessionSpec[] =>
  Array.from({ length: count }, (_, i) => ({
    room: `bench-${i}`,
    tokens: Array.from({ length: clients }, () => ''),
  }))

/** A reference server script in its own process, with a temp data folder when it persists. */
async function startReference(
  script: string,
  env: (dataDir: string) => Record<string, string>,
  persists: boolean,
  { cores }: StartOptions = {},
) {
  const dataDir = persists ? mkdtempSync(join(tmpdir(), 'mockboard-bench-ref-')) : null
  const { child, port } = await startNode(script, dataDir ? env(dataDir) : {}, '/', { cores })
  return {
    children: [child],
    baseUrl: `http://127.0.0.1:${port}`,
    syncUrls: [`ws://127.0.0.1:${port}`],
    dataDir,
    stop: async () => {
      await child.stop()
      if (dataDir) rmSync(dataDir, { recursive: true, force: true })
    },
  } satisfies RunningServer
}

const Y_WEBSOCKET_SCRIPT = () =>
  join(require.resolve('@y/websocket-server/package.json'), '..', 'src', 'server.js')
const HOCUSPOCUS_SCRIPT = fileURLToPath(new URL('./hocuspocus-server.ts', import.meta.url))

const yWebsocketServer: Target = {
  name: 'y-websocket-server',
  description: '@y/websocket-server 0.1.1 stock server.js: no auth, no persistence, echoes to sender',
  clientKind: 'y-websocket',
  start: (options) => startReference(Y_WEBSOCKET_SCRIPT(), () => ({}), false, options),
  prepare: async (_server, count, clients) => anonymousRooms(count, clients),
}

const yWebsocketLevelDb: Target = {
  name: 'y-websocket-leveldb',
  description: '@y/websocket-server with YPERSISTENCE: every update appended to LevelDB (y-leveldb)',
  clientKind: 'y-websocket',
  start: (options) => startReference(Y_WEBSOCKET_SCRIPT(), (dir) => ({ YPERSISTENCE: dir }), true, options),
  prepare: async (_server, count, clients) => anonymousRooms(count, clients),
}

const hocuspocus: Target = {
  name: 'hocuspocus',
  description: '@hocuspocus/server 3.x without extensions: no auth, no persistence',
  clientKind: 'hocuspocus',
  start: (options) => startReference(HOCUSPOCUS_SCRIPT, () => ({}), false, options),
  prepare: async (_server, count, clients) => anonymousRooms(count, clients),
}

const hocuspocusSqlite: Target = {
  name: 'hocuspocus-sqlite',
  description: "@hocuspocus/server with the SQLite extension's store: whole state, debounced 2 s",
  clientKind: 'hocuspocus',
  start: (options) =>
    startReference(
      HOCUSPOCUS_SCRIPT,
      (dir) => ({ HOCUSPOCUS_SQLITE: join(dir, 'db.sqlite') }),
      true,
      options,
    ),
  prepare: async (_server, count, clients) => anonymousRooms(count, clients),
}

export const TARGETS: Record<TargetName, Target> = {
  mockboard,
  'mockboard-two-instances': mockboardTwoInstances,
  'y-websocket-server': yWebsocketServer,
  'y-websocket-leveldb': yWebsocketLevelDb,
  hocuspocus,
  'hocuspocus-sqlite': hocuspocusSqlite,
}
