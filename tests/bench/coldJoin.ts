import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { openBoardRecords } from '@mockboard/shared'
import * as Y from 'yjs'

import { connectLoadClient, type LoadClient } from './loadClient.js'
import { type BenchRecord, shapeRecord, SHAPES_PER_CLIENT } from './record.js'
import { median } from './stats.js'
import { createMockboardSession, TARGETS } from './targets.js'

export interface ColdJoinResult {
  storedUpdates: number
  /** Size of the synced document as one update: what the server loads and sends. */
  stateBytes: number
  seedSeconds: number
  runsMs: number[]
  medianMs: number
}

/** Seeding pushes far past the default per-connection limits (300 msgs/s); lift them for this one server. */
const SEED_ENV = { MOCKBOARD_MAX_MESSAGES_PER_SECOND: '100000', MOCKBOARD_MAX_BYTES_PER_SECOND: '1073741824' }
/** Updates in flight before waiting for the server to relay them back: keeps memory and socket buffers bounded. */
const SEED_BATCH = 500
/** A board of 320 shapes, each moved over and over: the shape of a long, busy interview. */
const SEED_SHAPE_OWNERS = 40
const SEED_TIMEOUT_MS = 300_000

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout
  return Promise.race([
    promise,
    new Promise<never>(
      (_, reject) => (timer = setTimeout(() => reject(new Error(`${what} took over ${ms} ms`)), ms)),
    ),
  ]).finally(() => clearTimeout(timer))
}

/** Resolves once `reader` has every update `writer` made: the server stores before it relays, so they are stored too. */
function caughtUp(reader: LoadClient, writer: LoadClient): Promise<void> {
  const target = Y.getState(writer.doc.store, writer.doc.clientID)
  return new Promise((resolve) => {
    const check = () => {
      if (Y.getState(reader.doc.store, writer.doc.clientID) < target) return
      reader.doc.off('update', check)
      resolve()
    }
    reader.doc.on('update', check)
    check()
  })
}

/** Writes `count` updates through the real server (one transaction each), then stops it. */
async function seed(dataDir: string, count: number, root?: string): Promise<{ room: string; token: string }> {
  const server = await TARGETS.mockboard.start({ dataDir, env: SEED_ENV, root })
  const clients: LoadClient[] = []
  try {
    const session = await createMockboardSession(server.baseUrl, 2)
    const writer = connectLoadClient('y-websocket', server.syncUrls[0]!, session.room, session.tokens[0]!)
    const reader = connectLoadClient('y-websocket', server.syncUrls[0]!, session.room, session.tokens[1]!)
    clients.push(writer, reader)
    await Promise.all([writer.synced, reader.synced])
    // The records live where the live client keeps them.
    const board = openBoardRecords<BenchRecord>(writer.doc)
    for (let n = 0; n < count;) {
      const end = Math.min(count, n + SEED_BATCH)
      for (; n < end; n++) {
        const record = shapeRecord(Math.floor(n / SHAPES_PER_CLIENT) % SEED_SHAPE_OWNERS, n, Date.now())
        board.set(record.id, record)
      }
      await withTimeout(caughtUp(reader, writer), SEED_TIMEOUT_MS, 'seeding')
    }
    return { room: session.room, token: session.tokens[1]! }
  } finally {
    for (const c of clients) c.destroy()
    await server.stop({ keepData: true })
  }
}

/** Seeds a session, then `repeats` times: start the server fresh, time the first client's connect → synced. */
export async function measureColdJoin(
  count: number,
  repeats: number,
  log: (line: string) => void,
  root?: string,
): Promise<ColdJoinResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'mockboard-cold-'))
  try {
    const seedStart = performance.now()
    const { room, token } = await seed(dataDir, count, root)
    const seedSeconds = (performance.now() - seedStart) / 1000
    log(`  seeded ${count} updates in ${seedSeconds.toFixed(1)} s`)
    const runsMs: number[] = []
    let stateBytes = 0
    for (let i = 0; i < repeats; i++) {
      const server = await TARGETS.mockboard.start({ dataDir, root })
      try {
        const started = performance.now()
        const client = connectLoadClient('y-websocket', server.syncUrls[0]!, room, token)
        await withTimeout(client.synced, 30_000, 'cold join')
        runsMs.push(performance.now() - started)
        stateBytes = Y.encodeStateAsUpdate(client.doc).byteLength
        client.destroy()
      } finally {
        await server.stop({ keepData: true })
      }
    }
    return { storedUpdates: count, stateBytes, seedSeconds, runsMs, medianMs: median(runsMs) }
  } finally {
    rmSync(dataDir, { recursive: true, force: true })
  }
}
