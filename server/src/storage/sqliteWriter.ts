import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'

import type Database from 'better-sqlite3'

import { NAME_THREAD_SOURCE, THREAD_NAMES } from '../threadNames.js'

/** One row of the log: session, doc, seq, time, bytes. */
export type UpdateRow = [sessionId: string, doc: string, seq: number, at: number, data: Uint8Array]

export interface SnapshotRow {
  sessionId: string
  doc: string
  bound: number
  at: number
  data: Uint8Array
}

/** Where the log's writes happen: on a thread of their own, or (`:memory:`, a failed thread) inline. */
export interface LogWriter {
  /** Resolves once the row is committed; a row that cannot be stored rejects alone. */
  append(row: UpdateRow): Promise<void>
  saveSnapshot(row: SnapshotRow): Promise<void>
  /** Commits what was handed over, then stops. */
  close(): Promise<void>
}

/** The writer's SQL, shared by the thread and the inline fallback. */
export interface WriterSql {
  insertUpdate: string
  insertSnapshot: string
}

/**
 * Plain CommonJS, so the thread needs no TypeScript loader. Group commit happens here by itself:
 * the batches that arrive while a commit runs share the next transaction, so the busier the
 * server, the fewer commits per update — and none of them on the event loop.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
${NAME_THREAD_SOURCE}
const Database = require(workerData.driver)
const db = new Database(workerData.file)
db.pragma('busy_timeout = 5000')
db.pragma('synchronous = NORMAL')
db.pragma('secure_delete = ON')
const insertUpdate = db.prepare(workerData.sql.insertUpdate)
const insertSnapshot = db.prepare(workerData.sql.insertSnapshot)
// The layout written by packRows() below: the job's id (f64), then its rows.
const unpack = (packed) => {
  const bytes = Buffer.from(packed, 'latin1')
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const rows = []
  for (let o = 8; o < bytes.byteLength; ) {
    const sidLen = view.getUint16(o)
    const docLen = view.getUint8(o + 2)
    const dataLen = view.getUint32(o + 3)
    const seq = view.getFloat64(o + 7)
    const at = view.getFloat64(o + 15)
    o += 23
    const sessionId = bytes.toString('utf8', o, (o += sidLen))
    const doc = bytes.toString('utf8', o, (o += docLen))
    rows.push([sessionId, doc, seq, at, bytes.subarray(o, (o += dataLen))])
  }
  return { id: view.getFloat64(0), rows }
}
const run = (job) => (job.rows ? job.rows.forEach((row) => insertUpdate.run(...row)) : insertSnapshot.run(job.snapshot))
const insertAll = db.transaction((jobs) => jobs.forEach(run))
const runAlone = db.transaction(run)
let queue = []
let scheduled = false
const drain = () => {
  scheduled = false
  // 'stop' drains at once: the drain it had scheduled then finds nothing to do.
  if (queue.length === 0) return
  const jobs = queue
  queue = []
  const failed = []
  try {
    insertAll(jobs)
  } catch {
    // One bad row must not fail the others: retry each job alone, then each of its rows.
    for (const job of jobs) {
      try {
        runAlone(job)
      } catch (err) {
        const bad = []
        if (job.rows) {
          job.rows.forEach((row, i) => {
            try { insertUpdate.run(...row) } catch (e) { bad.push([i, String((e && e.message) || e)]) }
          })
        } else bad.push([0, String((err && err.message) || err)])
        failed.push([job.id, bad])
      }
    }
  }
  // Jobs run in the order they came, each drain a run of them: when all went in, the last id says it.
  if (failed.length === 0) parentPort.postMessage(jobs[jobs.length - 1].id)
  else parentPort.postMessage({ ids: jobs.map((job) => job.id), failed })
}
parentPort.on('message', (job) => {
  if (job === 'stop') {
    if (queue.length > 0) drain()
    db.close()
    parentPort.postMessage('stopped')
    return
  }
  queue.push(typeof job === 'string' ? unpack(job) : job)
  if (!scheduled) {
    scheduled = true
    setImmediate(drain)
  }
})
`

/** Header of a packed row: session id length u16, doc length u8, data length u32, seq f64, at f64. */
const ROW_HEADER = 23
const MAX_SESSION_ID_BYTES = 0xffff
const MAX_DOC_BYTES = 0xff

/** Why a row cannot be packed, or null. Names are the server's own; this only keeps a bad one to its row. */
function unpackable([sessionId, doc]: UpdateRow): string | null {
  // UTF-8 takes at most 3 bytes per UTF-16 unit: the exact count only for long names.
  if (sessionId.length * 3 > MAX_SESSION_ID_BYTES && Buffer.byteLength(sessionId) > MAX_SESSION_ID_BYTES)
    return `session id over ${MAX_SESSION_ID_BYTES} bytes`
  if (doc.length * 3 > MAX_DOC_BYTES && Buffer.byteLength(doc) > MAX_DOC_BYTES)
    return `doc name over ${MAX_DOC_BYTES} bytes`
  return null
}
/** Reused for every batch up to this size; a larger one gets a buffer of its own. */
const SCRATCH_MAX = 1024 * 1024
let scratch = Buffer.allocUnsafe(64 * 1024)

/**
 * The rows of one turn as one string of bytes (latin1: a byte per character), after the job's id.
 * A string posts to a thread for less than a buffer: in a micro-benchmark a transferred ArrayBuffer
 * cost both threads ~15 µs per message, a string of the same bytes ~9 (a SharedArrayBuffer ring
 * with Atomics.notify ~3.5, not built). An array of arrays with a typed array each cost the event
 * loop more than the SQLite commit it moved off it.
 */
function packRows(id: number, rows: UpdateRow[]): string {
  // UTF-8 takes at most 3 bytes per UTF-16 unit.
  let size = 8
  for (const [sessionId, doc, , , data] of rows)
    size += ROW_HEADER + 3 * (sessionId.length + doc.length) + data.byteLength
  if (size > scratch.byteLength && size <= SCRATCH_MAX)
    scratch = Buffer.allocUnsafe(Math.min(SCRATCH_MAX, Math.max(size, 2 * scratch.byteLength)))
  const out = size <= scratch.byteLength ? scratch : Buffer.allocUnsafe(size)
  // Ids only grow: a u32 would run out after 2³² turns that append.
  out.writeDoubleBE(id, 0)
  let o = 8
  for (const [sessionId, doc, seq, at, data] of rows) {
    const sid = out.write(sessionId, o + ROW_HEADER, 'utf8')
    const name = out.write(doc, o + ROW_HEADER + sid, 'utf8')
    out.writeUInt16BE(sid, o)
    out.writeUInt8(name, o + 2)
    out.writeUInt32BE(data.byteLength, o + 3)
    out.writeDoubleBE(seq, o + 7)
    out.writeDoubleBE(at, o + 15)
    o += ROW_HEADER + sid + name
    out.set(data, o)
    o += data.byteLength
  }
  return out.toString('latin1', 0, o)
}

interface Waiter {
  resolve: () => void
  reject: (err: Error) => void
}

/** Appends packed by packRows(), or a snapshot. */
type Job = string | { id: number; snapshot: SnapshotRow }
/** Every job up to this id stored; or which rows of which jobs failed; or the thread stopped. */
type Reply =
  | number
  | { ids: number[]; failed: Array<[id: number, rows: Array<[index: number, message: string]>]> }
  | 'stopped'

/**
 * How appends gather into one message to the thread. Each message costs the event loop a
 * postMessage and the thread a wake-up and a commit; on a busy server every turn of the loop
 * brings a few appends, so a batch waits for the turns after it, up to `ms` or `bytes` (looked at
 * on every append and at the end of every turn). A turn that brings none sends it at once: a
 * quiet room's edit waits no timer. The longest wait: `ms`, or the rest of the turn in which the
 * last append before that came.
 */
export interface Gather {
  ms: number
  bytes: number
}

/**
 * Path bench (100 sessions, 3 frames per turn, server run through tsx; four alternating runs of
 * each): one message per turn cost the main thread 1.71× the stock server's per update,
 * gathering for 1 ms 1.52× (3 ms: 1.49×, for thrice the wait). The sync bench, three alternating
 * runs each: 268 µs per delivery without, 241 with (medians).
 */
const GATHER: Gather = { ms: 1, bytes: 256 * 1024 }

interface Batch {
  id: number
  rows: UpdateRow[]
  waiters: Waiter[]
  /** performance.now() at the first append. */
  since: number
  /** Rows at the last turn's look: unchanged means the turn brought none. */
  seen: number
  bytes: number
}

/**
 * The log's writes on their own thread with their own connection (WAL: the main thread's reads
 * never wait for it). Appends gather into one message (see Gather); each resolves only after its
 * row is committed, so rooms still relay only what is stored.
 */
export function startLogWriter(
  file: string,
  sql: WriterSql,
  onFailure: (err: unknown) => void,
  gather: Gather = GATHER,
): LogWriter & { readonly messages: number } {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3')
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { file, driver, sql, threadName: THREAD_NAMES.logWriter },
  })
  worker.unref()
  const waiting = new Map<number, Waiter[]>()
  let nextId = 1
  let batch: Batch | null = null
  /** Jobs posted to the thread so far. */
  let messages = 0
  let failed: Error | null = null
  let stopped: (() => void) | null = null

  const failAll = (err: Error) => {
    failed = err
    for (const waiters of waiting.values()) for (const w of waiters) w.reject(err)
    waiting.clear()
    // The batch still gathering never reaches a thread: its appends fail now, not never.
    for (const w of batch?.waiters ?? []) w.reject(err)
    batch = null
    stopped?.()
  }
  worker.on('error', (err) => {
    failAll(err)
    onFailure(err)
  })
  worker.on('exit', () => {
    if (!failed && !stopped) failAll(new Error('log writer thread exited'))
    stopped?.()
  })
  worker.on('message', (reply: Reply) => {
    if (reply === 'stopped') return void worker.terminate()
    if (typeof reply === 'number') {
      // Ids are sent in increasing order and a Map iterates in insertion order.
      for (const [id, waiters] of waiting) {
        if (id > reply) break
        waiting.delete(id)
        for (const w of waiters) w.resolve()
      }
      if (waiting.size === 0 && !stopped) worker.unref()
      return
    }
    const failedRows = new Map(reply.failed)
    for (const id of reply.ids) {
      const waiters = waiting.get(id)
      if (!waiters) continue
      waiting.delete(id)
      const bad = new Map(failedRows.get(id))
      waiters.forEach((w, i) => {
        const message = bad.get(i)
        if (message === undefined) w.resolve()
        else w.reject(new Error(message))
      })
    }
    if (waiting.size === 0 && !stopped) worker.unref()
  })
  const send = (id: number, job: Job, waiters: Waiter[]) => {
    if (failed) {
      for (const w of waiters) w.reject(failed)
      return
    }
    if (waiting.size === 0) worker.ref() // a write in flight keeps the process alive until stored
    waiting.set(id, waiters)
    worker.postMessage(job)
    messages++
  }
  const flush = () => {
    const b = batch
    batch = null
    if (b) send(b.id, packRows(b.id, b.rows), b.waiters)
  }
  const aged = (b: Batch) => performance.now() - b.since >= gather.ms
  // Once a turn: the batch goes when a turn brought no append, or when it is old enough.
  const gathered = (b: Batch) => {
    if (b !== batch) return // sent already (the byte cap or age at an append, a snapshot, close)
    if (b.rows.length === b.seen || aged(b)) flush()
    else {
      b.seen = b.rows.length
      setImmediate(gathered, b)
    }
  }

  return {
    get messages() {
      return messages
    },
    append(row) {
      if (failed) return Promise.reject(failed)
      const problem = unpackable(row)
      if (problem) return Promise.reject(new Error(problem))
      return new Promise<void>((resolve, reject) => {
        if (!batch) {
          batch = { id: nextId++, rows: [], waiters: [], since: performance.now(), seen: 0, bytes: 0 }
          setImmediate(gathered, batch)
        }
        batch.rows.push(row)
        batch.waiters.push({ resolve, reject })
        batch.bytes += row[4].byteLength
        // Checked here too: one long turn (a burst of frames) must not hold the batch past its age.
        if (batch.bytes >= gather.bytes || aged(batch)) flush()
      })
    },
    saveSnapshot(snapshot) {
      if (failed) return Promise.reject(failed)
      flush() // after the appends it covers
      const id = nextId++
      return new Promise<void>((resolve, reject) => send(id, { id, snapshot }, [{ resolve, reject }]))
    },
    async close() {
      flush()
      if (failed) return
      worker.ref()
      const done = new Promise<void>((resolve) => (stopped = resolve))
      worker.postMessage('stop')
      await done
    },
  }
}

/** The same writes on the caller's connection: `:memory:` databases and a thread that failed. */
export function inlineLogWriter(db: Database.Database, sql: WriterSql): LogWriter {
  const insertUpdate = db.prepare(sql.insertUpdate)
  const insertSnapshot = db.prepare(sql.insertSnapshot)
  let pending: Array<{ row: UpdateRow } & Waiter> = []
  const insertAll = db.transaction((rows: UpdateRow[]) => rows.forEach((row) => insertUpdate.run(...row)))
  const commit = () => {
    const batch = pending
    pending = []
    try {
      insertAll(batch.map((p) => p.row))
      for (const p of batch) p.resolve()
    } catch {
      for (const p of batch) {
        try {
          insertUpdate.run(...p.row)
          p.resolve()
        } catch (err) {
          p.reject(err instanceof Error ? err : new Error(String(err)))
        }
      }
    }
  }
  return {
    append(row) {
      return new Promise<void>((resolve, reject) => {
        if (pending.length === 0) setImmediate(commit)
        pending.push({ row, resolve, reject })
      })
    },
    async saveSnapshot(snapshot) {
      if (pending.length > 0) commit()
      insertSnapshot.run(snapshot)
    },
    async close() {
      if (pending.length > 0) commit()
    },
  }
}
