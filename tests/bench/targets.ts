import { mkdtempSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

import type { CreateSessionResponse } from '@mockboard/shared'

import { type Child, freePort, spawnChild, waitForHttp } from './children.js'
import type { TargetName } from './options.js'
import type { ClientKind, SessionSpec } from './workerProtocol.js'

export const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const require = createRequire(import.meta.url)

export interface RunningServer {
  child: Child
  baseUrl: string
  /** What a client passes as its server url. */
  syncUrl: string
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
}

/** `node --import tsx <script>` rather than the tsx CLI, so the pid we measure is the server itself. */
async function startNode(
  script: string,
  env: Record<string, string>,
  readyPath: string,
  cpuProfDir?: string,
  cwd = ROOT,
): Promise<{ child: Child; port: number }> {
  const port = await freePort()
  const execArgs = [
    '--import',
    'tsx',
    ...(cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfDir}`] : []),
    script,
  ]
  const child = spawnChild(process.execPath, execArgs, {
    cwd,
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
  description: 'auth tokens, per-doc permissions, rate limits, every update in SQLite (WAL) before relay',
  clientKind: 'y-websocket',
  async start(options = {}) {
    const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'mockboard-bench-'))
    // The bench opens thousands of sessions and reads from one address: per-address budgets off,
    // and the whole-server socket and room caps would refuse the load itself.
    const caps = { MOCKBOARD_MAX_SOCKETS: '1000000', MOCKBOARD_MAX_ROOMS: '1000000' }
    const env = {
      MOCKBOARD_DATA: dataDir,
      LOG_LEVEL: 'warn',
      MOCKBOARD_CREATE_PER_MINUTE: '0',
      MOCKBOARD_READS_PER_MINUTE: '0',
      ...caps,
      ...options.env,
    }
    const { child, port } = await startNode(
      'server/src/main.ts',
      env,
      '/healthz',
      options.cpuProfDir,
      options.root,
    )
    return {
      child,
      baseUrl: `http://127.0.0.1:${port}`,
      syncUrl: `ws://127.0.0.1:${port}/sync`,
      dataDir,
      stop: async ({ keepData = false } = {}) => {
        await child.stop()
        if (!keepData && !options.dataDir) rmSync(dataDir, { recursive: true, force: true })
      },
    }
  },
  async prepare(server, count, clients) {
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
  },
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

const yWebsocketServer: Target = {
  name: 'y-websocket-server',
  description: '@y/websocket-server 0.1.1 stock server.js: no auth, no persistence, echoes to sender',
  clientKind: 'y-websocket',
  async start() {
    const script = join(require.resolve('@y/websocket-server/package.json'), '..', 'src', 'server.js')
    const { child, port } = await startNode(script, {}, '/')
    return {
      child,
      baseUrl: `http://127.0.0.1:${port}`,
      syncUrl: `ws://127.0.0.1:${port}`,
      dataDir: null,
      stop: () => child.stop(),
    }
  },
  prepare: async (_server, count, clients) => anonymousRooms(count, clients),
}

const hocuspocus: Target = {
  name: 'hocuspocus',
  description: '@hocuspocus/server 3.x without extensions: no auth, no persistence',
  clientKind: 'hocuspocus',
  async start() {
    const { child, port } = await startNode(
      fileURLToPath(new URL('./hocuspocus-server.ts', import.meta.url)),
      {},
      '/',
    )
    return {
      child,
      baseUrl: `http://127.0.0.1:${port}`,
      syncUrl: `ws://127.0.0.1:${port}`,
      dataDir: null,
      stop: () => child.stop(),
    }
  },
  prepare: async (_server, count, clients) => anonymousRooms(count, clients),
}

export const TARGETS: Record<TargetName, Target> = {
  mockboard,
  'y-websocket-server': yWebsocketServer,
  hocuspocus,
}
