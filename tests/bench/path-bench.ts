/**
 * The server's per-update path in one process, next to what the stock y-websocket server does with
 * the same frames: `npm run bench:path -- [--sessions=100] [--updates=40] [--rounds=5]`.
 *
 * The sync bench measures whole servers over sockets, and on a shared two-core machine its CPU
 * figures move by a third between runs of the same code. Here both paths run in one process,
 * alternating, on the same frames, so the host's speed cancels out of the ratio; and the bytes
 * each path allocates per update (what the garbage collector then pays for, on the main thread and
 * on V8's helper threads) are counted by V8's sampling heap profiler, which does not depend on
 * timing at all.
 *
 * Ours: the real app (SQLite in a temp folder, its log writer thread, auth, rate limits, the
 * update gate), frames handed to `Admission`'s connections as routes/sync.ts hands them, sockets
 * faked at the transport seam. Stock: @y/websocket-server's message handler (y-protocols' sync
 * reader, an 'update' listener encoding one message for every connection).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { Session } from 'node:inspector'
import { tmpdir } from 'node:os'
import { join as join_ } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

import { type CreateSessionResponse, openBoardRecords } from '@mockboard/shared'
import { build, type BuildOptions } from 'esbuild'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'

// @ts-expect-error: a plain .mjs script without type declarations
import { bundleOptions } from '../../scripts/server-build.mjs'
import type * as AppModule from '../../server/src/app.js'
import type * as ConfigModule from '../../server/src/config.js'
import type { Connection } from '../../server/src/sync/Admission.js'
import type { Socket } from '../../server/src/sync/Socket.js'
import { cpuSeconds } from './procStats.js'
import { shapeRecord } from './record.js'
import { median } from './stats.js'

const arg = (name: string, fallback: number) => {
  const found = process.argv.find((a) => a.startsWith(`--${name}=`))
  return found ? Number(found.slice(name.length + 3)) : fallback
}
const SESSIONS = arg('sessions', 100)
const UPDATES = arg('updates', 40) // per client per round
const ROUNDS = arg('rounds', 5)
/**
 * Frames handed over per turn of the event loop. A server reads a few sockets' frames per turn
 * (the sync bench's load makes ~3 appends per log-writer batch), and what one turn holds shares a
 * log commit: handing every frame over in one turn would make the log look nearly free.
 */
const PER_TURN = arg('per-turn', 3)
/** --no-alloc: time only (a CPU profile of the bench then shows the paths, not the heap profiler). */
const NO_ALLOC = process.argv.includes('--no-alloc')
/** --alloc-profile=<file>: our path's last sampled allocation profile (open it in Chrome's DevTools). */
const ALLOC_PROFILE = process.argv
  .find((a) => a.startsWith('--alloc-profile='))
  ?.slice('--alloc-profile='.length)

/**
 * The server as `npm start` runs it: bundled by esbuild without keepNames. Run through tsx, every
 * closure the path creates would also cost a defineProperty call that the real server never makes.
 * Built next to this repository's node_modules (its bare imports stay imports) from the sources
 * beside this file, so a worktree benches its own code.
 */
async function builtServer(): Promise<typeof AppModule & typeof ConfigModule> {
  const outfile = fileURLToPath(new URL('../artifacts/path-bench/server.mjs', import.meta.url))
  await build({
    ...(bundleOptions as BuildOptions),
    stdin: {
      contents: "export { buildApp } from './app.ts'\nexport { loadConfig } from './config.ts'\n",
      resolveDir: fileURLToPath(new URL('../../server/src/', import.meta.url)),
      loader: 'ts',
    },
    outfile,
    logLevel: 'error',
  })

  return (await import(`${pathToFileURL(outfile).href}?${Date.now()}`)) as typeof AppModule &
    typeof ConfigModule
}
const { buildApp, loadConfig } = await builtServer()

/** A socket at the transport seam that only counts what it is sent. */
class CountingSocket implements Socket {
  received = 0
  isOpen = true
  readonly bufferedAmount = 0
  send(_data: Uint8Array): void {
    this.received++
  }
  /** Why the server closed it, if it did: a bench whose sockets were closed measures nothing. */
  closedWith: string | null = null
  close(code: number, reason: string): void {
    this.isOpen = false
    this.closedWith = `${code} ${reason}`
  }
  ping(): void {}
  terminate(): void {
    this.isOpen = false
  }
  resume(): void {}
}

/** `[sync, update, bytes]` as a y-websocket client sends an update. */
function frame(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, 0)
  syncProtocol.writeUpdate(e, update)
  return encoding.toUint8Array(e)
}

/** Each client's edits, round by round: every client moves its 8 shapes in turn, as in the sync bench. */
function clientFrames(): { join: Uint8Array[]; rounds: Uint8Array[][][] } {
  const join: Uint8Array[] = []
  const rounds: Uint8Array[][][] = Array.from({ length: ROUNDS * 2 }, () => [])
  for (let c = 0; c < SESSIONS * 2; c++) {
    const doc = new Y.Doc()
    const records = openBoardRecords<ReturnType<typeof shapeRecord>>(doc)
    const out: Uint8Array[] = []
    doc.on('update', (u: Uint8Array) => out.push(frame(u)))
    join.push(frame(Y.encodeStateAsUpdate(doc)))
    out.length = 0
    for (let r = 0; r < ROUNDS * 2; r++) {
      for (let n = 0; n < UPDATES; n++) {
        const record = shapeRecord(c, r * UPDATES + n, 0)
        records.set(record.id, record)
      }
      rounds[r]!.push(out.splice(0))
    }
  }
  return { join, rounds }
}

/** Interleaved: update n of every client, then update n + 1, as many sessions' clients send at once. */
function interleave(perClient: Uint8Array[][]): Array<[client: number, frame: Uint8Array]> {
  const out: Array<[number, Uint8Array]> = []
  for (let n = 0; n < UPDATES; n++) perClient.forEach((frames, c) => out.push([c, frames[n]!]))
  return out
}

/** Calls `fn` on PER_TURN frames per turn of the event loop. */
async function inTurns<T>(frames: T[], fn: (frame: T) => void): Promise<void> {
  for (let i = 0; i < frames.length; i += PER_TURN) {
    for (const frame of frames.slice(i, i + PER_TURN)) fn(frame)
    await new Promise<void>((resolve) => setImmediate(resolve))
  }
}

interface Path {
  name: string
  /** Hands every frame over; resolves once each update is relayed. */
  run(frames: Array<[number, Uint8Array]>): Promise<void>
}

async function ours(join: Uint8Array[]): Promise<{ path: Path; close(): Promise<void> }> {
  const dataDir = mkdtempSync(join_(tmpdir(), 'mockboard-path-'))
  const config = loadConfig(
    { LOG_LEVEL: process.env.PATH_LOG ?? 'silent' },
    {
      port: 0,
      host: '127.0.0.1',
      dataDir,
      clientDist: null,
      http: { createPerMinute: 0, readsPerMinute: 0 },
      // The frames arrive as fast as the loop takes them: per-connection rates out of the way.
      limits: { messagesPerSecond: 100_000, bytesPerSecond: 1 << 30, structsPerSecond: 100_000_000 },
    },
  )
  const app = await buildApp(config)
  const sockets: CountingSocket[] = []
  const connections: Connection[] = []
  const sessionIds: string[] = []
  for (let s = 0; s < SESSIONS; s++) {
    const res = await app.fastify.inject({ method: 'POST', url: '/api/sessions', payload: {} })
    const created = res.json<CreateSessionResponse>()
    sessionIds.push(created.id)
    for (const role of ['candidate', 'interviewer'] as const) {
      const token = new URLSearchParams(created.links[role].split('#')[1]).get('token') ?? undefined
      const socket = new CountingSocket()
      sockets.push(socket)
      connections.push(app.context.admission.open(socket, { sessionId: created.id, doc: 'board', token }))
    }
  }
  // Each client joins (its empty doc's sync step 2), and the rooms load.
  connections.forEach((c, i) => c.receive(join[i]!))
  const rooms = async () => Promise.all(sessionIds.map((id) => app.context.registry.room(id, 'board')))
  await Promise.all((await rooms()).map((room) => room.flush()))
  const relayed = () => sockets.reduce((sum, s) => sum + s.received, 0)
  return {
    path: {
      name: 'mockboard',
      async run(frames) {
        const before = relayed()
        await inTurns(frames, ([client, data]) => connections[client]!.receive(data))
        await Promise.all((await rooms()).map((room) => room.flush()))
        const closed = sockets.find((s) => s.closedWith)
        if (closed) throw new Error(`the server closed a socket: ${closed.closedWith}`)
        if (relayed() - before < frames.length)
          throw new Error(`relayed ${relayed() - before} of ${frames.length}`)
      },
    },
    close: async () => {
      await app.close()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/** @y/websocket-server's handling of a sync frame (bin/utils.js), minus the socket. */
function stock(join: Uint8Array[]): Path {
  const docs: Y.Doc[] = []
  const sockets: CountingSocket[] = []
  for (let s = 0; s < SESSIONS; s++) {
    const doc = new Y.Doc()
    const conns = [new CountingSocket(), new CountingSocket()]
    sockets.push(...conns)
    doc.on('update', (update: Uint8Array) => {
      const e = encoding.createEncoder()
      encoding.writeVarUint(e, 0)
      syncProtocol.writeUpdate(e, update)
      const message = encoding.toUint8Array(e)
      for (const conn of conns) conn.send(message)
    })
    docs.push(doc)
  }
  const receive = (client: number, data: Uint8Array) => {
    const decoder = decoding.createDecoder(data)
    const encoder = encoding.createEncoder()
    decoding.readVarUint(decoder)
    encoding.writeVarUint(encoder, 0)
    syncProtocol.readSyncMessage(decoder, encoder, docs[Math.floor(client / 2)]!, sockets[client])
  }
  join.forEach((data, i) => receive(i, data))
  const relayed = () => sockets.reduce((sum, s) => sum + s.received, 0)
  return {
    name: 'y-websocket-server',
    async run(frames) {
      const before = relayed()
      await inTurns(frames, ([client, data]) => receive(client, data))
      if (relayed() - before < frames.length)
        throw new Error(`relayed ${relayed() - before} of ${frames.length}`)
    },
  }
}

/** The main thread's CPU seconds so far (other threads not counted); null off Linux. */
function mainThreadSeconds(): number | null {
  try {
    return cpuSeconds(process.pid, process.pid)
  } catch {
    return null
  }
}

interface Sample {
  wallUs: number
  cpuUs: number
  mainUs: number | null
}

async function timed(path: Path, frames: Array<[number, Uint8Array]>): Promise<Sample> {
  const main0 = mainThreadSeconds()
  const cpu0 = process.cpuUsage()
  const t0 = performance.now()
  await path.run(frames)
  const wall = performance.now() - t0
  const cpu = process.cpuUsage(cpu0)
  const main1 = mainThreadSeconds()
  const n = frames.length
  return {
    wallUs: (wall * 1000) / n,
    cpuUs: (cpu.user + cpu.system) / n,
    mainUs: main0 === null || main1 === null ? null : ((main1 - main0) * 1e6) / n,
  }
}

/** Bytes allocated on this thread while `fn` runs, estimated by V8's sampling heap profiler. */
async function allocated(fn: () => Promise<void>, saveTo?: string): Promise<number> {
  const session = new Session()
  session.connect()
  const post = <T>(method: string, params?: object) =>
    new Promise<T>((resolve, reject) =>
      session.post(method, params, (err, result) => (err ? reject(err) : resolve(result as T))),
    )
  await post('HeapProfiler.enable')
  await post('HeapProfiler.startSampling', {
    samplingInterval: 256,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  })
  await fn()
  const { profile } = await post<{ profile: { head: ProfileNode } }>('HeapProfiler.stopSampling')
  session.disconnect()
  if (saveTo) writeFileSync(saveTo, JSON.stringify(profile))
  const total = (node: ProfileNode): number => node.children.reduce((sum, c) => sum + total(c), node.selfSize)
  return total(profile.head)
}

interface ProfileNode {
  selfSize: number
  children: ProfileNode[]
}

const { join, rounds } = clientFrames()
const mockboard = await ours(join)
const paths = [mockboard.path, stock(join)]
const samples = new Map<string, Sample[]>(paths.map((p) => [p.name, []]))
const bytes = new Map<string, number[]>(paths.map((p) => [p.name, []]))
// Each client's edits in the order made: round 2r timed, round 2r + 1 with its allocations
// counted (the profiler slows what it watches).
for (let r = 0; r < ROUNDS; r++) {
  for (const path of r % 2 === 0 ? paths : [...paths].reverse()) {
    samples.get(path.name)!.push(await timed(path, interleave(rounds[2 * r]!)))
    const frames = interleave(rounds[2 * r + 1]!)
    if (NO_ALLOC) {
      await path.run(frames)
      continue
    }
    bytes
      .get(path.name)!
      .push(
        (await allocated(() => path.run(frames), path.name === 'mockboard' ? ALLOC_PROFILE : undefined)) /
          frames.length,
      )
  }
}
await mockboard.close()

const fmt = (n: number) => n.toFixed(1)
console.log(
  `path bench: ${SESSIONS} sessions × 2 clients, ${UPDATES} board-record updates per client per round, ${PER_TURN} per turn, ${ROUNDS} rounds, alternating`,
)
const row = (name: string) => {
  const s = samples.get(name)!
  const main = s.every((x) => x.mainUs !== null) ? fmt(median(s.map((x) => x.mainUs!))) : 'n/a'
  return {
    wall: median(s.map((x) => x.wallUs)),
    cpu: median(s.map((x) => x.cpuUs)),
    main,
    bytes: NO_ALLOC ? Number.NaN : median(bytes.get(name)!),
  }
}
const a = row('mockboard')
const b = row('y-websocket-server')
console.log(
  'path                 wall µs/update  CPU µs/update  main thread µs  KB allocated/update (main thread)',
)
for (const [name, r] of [
  ['mockboard', a],
  ['y-websocket-server', b],
] as const)
  console.log(
    `${name.padEnd(20)} ${fmt(r.wall).padStart(14)} ${fmt(r.cpu).padStart(14)} ${r.main.padStart(15)} ${(r.bytes / 1024).toFixed(2).padStart(12)}`,
  )
console.log(
  `ratio (medians)      ${(a.wall / b.wall).toFixed(2).padStart(13)}× ${(a.cpu / b.cpu).toFixed(2).padStart(13)}×                 ${(a.bytes / b.bytes).toFixed(2).padStart(11)}×`,
)
