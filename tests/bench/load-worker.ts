/**
 * A load-generator process (forked by sync-bench.ts). It owns whole sessions, so an update's
 * sender and its receivers share one clock: the send time rides in the update itself.
 */
import { openBoardRecords } from '@mockboard/shared'
import type * as Y from 'yjs'

import { connectLoadClient, type LoadClient } from './loadClient.js'
import { type BenchRecord, shapeRecord } from './record.js'
import type { FromWorker, ToWorker, WorkerResult } from './workerProtocol.js'

/** Sessions whose clients connect at once; a 500-socket stampede would measure connect storms instead. */
const CONNECT_BATCH = 25
const CONNECT_TIMEOUT_MS = 120_000

const now = (): number => performance.timeOrigin + performance.now()
const send = (message: FromWorker): void => void process.send?.(message)

// Every y-websocket provider adds a process 'exit' listener; hundreds per process are expected here.
process.setMaxListeners(0)
// The bench died or cut us loose: never outlive it with open sockets.
process.on('disconnect', () => process.exit(1))

let clients: LoadClient[] = []
/** clients[i]'s records (one YKeyValue per doc: a second would clean up after the first). */
let boards: Board[] = []
let rate = 1
let shapes = 1
let layout: 'records' | 'map' = 'records'

/** A client's shape records, where the chosen layout keeps them. */
interface Board {
  set(record: BenchRecord): void
  get(key: string): BenchRecord | undefined
  /** Calls `listener` with the keys each remote transaction changed. */
  onRemoteChange(listener: (keys: Iterable<string>) => void): void
}

function boardOf(doc: Y.Doc): Board {
  if (layout === 'map') {
    const map = doc.getMap<BenchRecord>('board')
    return {
      set: (record) => map.set(record.id, record),
      get: (key) => map.get(key),
      onRemoteChange: (listener) =>
        map.observe((event) => {
          if (!event.transaction.local) listener(event.keysChanged)
        }),
    }
  }
  const records = openBoardRecords<BenchRecord>(doc)
  return {
    set: (record) => records.set(record.id, record),
    get: (key) => records.get(key),
    onRemoteChange: (listener) =>
      records.on('change', (changes: Map<string, unknown>, tr: Y.Transaction) => {
        if (!tr.local) listener(changes.keys())
      }),
  }
}
let disconnects = 0
const latencies: number[] = []
const window = { start: Infinity, end: -Infinity, counting: false }
let sent = 0
let delivered = 0
let updateBytes = 0
let updateCount = 0
let peersPerUpdate = 1

async function init(message: Extract<ToWorker, { type: 'init' }>): Promise<void> {
  rate = message.rate
  shapes = message.shapes
  layout = message.layout
  peersPerUpdate = (message.sessions[0]?.tokens.length ?? 2) - 1
  const started = now()
  const deadline = setTimeout(
    () => fail(`clients did not sync within ${CONNECT_TIMEOUT_MS} ms`),
    CONNECT_TIMEOUT_MS,
  )
  for (let i = 0; i < message.sessions.length; i += CONNECT_BATCH) {
    const batch = message.sessions
      .slice(i, i + CONNECT_BATCH)
      .flatMap((s) =>
        s.tokens.map((token, i) =>
          connectLoadClient(
            message.clientKind,
            message.syncUrls[i % message.syncUrls.length]!,
            s.room,
            token,
          ),
        ),
      )
    clients.push(...batch)
    await Promise.all(batch.map((c) => c.synced))
  }
  clearTimeout(deadline)
  boards = clients.map(watch)
  send({ type: 'ready', connectMs: now() - started })
}

/** Every remote change to a shape record is one delivery: its latency is now − its send time. */
function watch(client: LoadClient): Board {
  client.onClose(() => disconnects++)
  const board = boardOf(client.doc)
  board.onRemoteChange((keys) => {
    if (!window.counting) return
    const at = now()
    for (const key of keys) {
      const sentAt = board.get(key)?.meta.sentAt
      if (sentAt === undefined || sentAt < window.start || sentAt >= window.end) continue
      latencies.push(at - sentAt)
      delivered++
    }
  })
  client.doc.on('update', (update: Uint8Array, _origin: unknown, _doc: Y.Doc, tr: Y.Transaction) => {
    if (!tr.local) return
    updateBytes += update.byteLength
    updateCount++
  })
  return board
}

function go(message: Extract<ToWorker, { type: 'go' }>): void {
  const start = now()
  window.start = start + message.warmupMs
  window.end = window.start + message.durationMs
  window.counting = true
  const interval = 1000 / rate
  const timers: NodeJS.Timeout[] = []
  clients.forEach((client, index) => {
    const board = boards[index]!
    let n = 0
    const tick = () => {
      const at = now()
      if (at >= window.end) return
      const record = shapeRecord(index, n++, at, shapes)
      board.set(record)
      if (at >= window.start) sent++
    }
    // Random phase: clients spread evenly over the interval, like real users, not in lockstep.
    timers.push(setTimeout(() => timers.push(setInterval(tick, interval)), Math.random() * interval))
  })
  const total = message.warmupMs + message.durationMs
  setTimeout(() => timers.forEach(clearInterval), total + interval)
  setTimeout(() => finish(), total + message.drainMs)
}

function finish(): void {
  window.counting = false
  const result: WorkerResult = {
    latencies,
    sent,
    expected: sent * peersPerUpdate,
    delivered,
    meanUpdateBytes: updateCount > 0 ? updateBytes / updateCount : 0,
    disconnects,
  }
  for (const client of clients) client.destroy()
  clients = []
  boards = []
  // Leave once the result is handed over (a long soak's latencies are tens of MB over IPC), even
  // if a socket lingers.
  process.send?.({ type: 'result', result } satisfies FromWorker, undefined, {}, () => process.exit(0))
}

function fail(message: string): void {
  send({ type: 'error', message })
  setTimeout(() => process.exit(1), 200)
}

process.on('message', (message: ToWorker) => {
  if (message.type === 'init') init(message).catch((err: unknown) => fail(String(err)))
  else if (message.type === 'go') go(message)
})
process.on('uncaughtException', (err) => fail(err.stack ?? err.message))
