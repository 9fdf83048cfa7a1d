import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'

import type Database from 'better-sqlite3'

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
const Database = require(workerData.driver)
const db = new Database(workerData.file)
db.pragma('busy_timeout = 5000')
db.pragma('synchronous = NORMAL')
db.pragma('secure_delete = ON')
const insertUpdate = db.prepare(workerData.sql.insertUpdate)
const insertSnapshot = db.prepare(workerData.sql.insertSnapshot)
const text = new TextDecoder()
// The layout written by packRows() below.
const unpack = (buffer) => {
  const view = new DataView(buffer)
  const bytes = new Uint8Array(buffer)
  const rows = []
  for (let o = 0; o < buffer.byteLength; ) {
    const sidLen = view.getUint16(o)
    const docLen = view.getUint8(o + 2)
    const dataLen = view.getUint32(o + 3)
    const seq = view.getFloat64(o + 7)
    const at = view.getFloat64(o + 15)
    o += 23
    const sessionId = text.decode(bytes.subarray(o, (o += sidLen)))
    const doc = text.decode(bytes.subarray(o, (o += docLen)))
    rows.push([sessionId, doc, seq, at, bytes.subarray(o, (o += dataLen))])
  }
  return rows
}
const run = (job) => (job.rows ? job.rows.forEach((row) => insertUpdate.run(...row)) : insertSnapshot.run(job.snapshot))
const insertAll = db.transaction((jobs) => jobs.forEach(run))
const runAlone = db.transaction(run)
let queue = []
let scheduled = false
const drain = () => {
  scheduled = false
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
  parentPort.postMessage({ ids: jobs.map((job) => job.id), failed })
}
parentPort.on('message', (job) => {
  if (job === 'stop') {
    if (queue.length > 0) drain()
    db.close()
    parentPort.postMessage('stopped')
    return
  }
  if (job.packed) job.rows = unpack(job.packed)
  queue.push(job)
  if (!scheduled) {
    scheduled = true
    setImmediate(drain)
  }
})
`

/** Header of a packed row: session id length u16, doc length u8, data length u32, seq f64, at f64. */
const ROW_HEADER = 23
const encoder = new TextEncoder()

/**
 * The rows of one turn in one transferred buffer: cloning an array of arrays with a typed array
 * each cost more on the event loop than the SQLite commit it was moving off it.
 */
function packRows(rows: UpdateRow[]): ArrayBuffer {
  let size = 0
  for (const [sessionId, doc, , , data] of rows)
    size += ROW_HEADER + Buffer.byteLength(sessionId) + Buffer.byteLength(doc) + data.byteLength
  const buffer = new ArrayBuffer(size)
  const view = new DataView(buffer)
  const bytes = new Uint8Array(buffer)
  let o = 0
  for (const [sessionId, doc, seq, at, data] of rows) {
    const sid = encoder.encodeInto(sessionId, bytes.subarray(o + ROW_HEADER)).written
    const name = encoder.encodeInto(doc, bytes.subarray(o + ROW_HEADER + sid)).written
    view.setUint16(o, sid)
    view.setUint8(o + 2, name)
    view.setUint32(o + 3, data.byteLength)
    view.setFloat64(o + 7, seq)
    view.setFloat64(o + 15, at)
    o += ROW_HEADER + sid + name
    bytes.set(data, o)
    o += data.byteLength
  }
  return buffer
}

interface Waiter {
  resolve: () => void
  reject: (err: Error) => void
}

type Job = { id: number; packed: ArrayBuffer } | { id: number; snapshot: SnapshotRow }
type Reply =
  { ids: number[]; failed: Array<[id: number, rows: Array<[index: number, message: string]>]> } | 'stopped'

/**
 * The log's writes on their own thread with their own connection (WAL: the main thread's reads
 * never wait for it). Appends made in one turn of the event loop travel as one message; each
 * resolves only after its row is committed, so rooms still relay only what is stored.
 */
export function startLogWriter(file: string, sql: WriterSql, onFailure: (err: unknown) => void): LogWriter {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3')
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, driver, sql } })
  worker.unref()
  const waiting = new Map<number, Waiter[]>()
  let nextId = 1
  let batch: { id: number; rows: UpdateRow[]; waiters: Waiter[] } | null = null
  let failed: Error | null = null
  let stopped: (() => void) | null = null

  const failAll = (err: Error) => {
    failed = err
    for (const waiters of waiting.values()) for (const w of waiters) w.reject(err)
    waiting.clear()
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
  const send = (job: Job, waiters: Waiter[]) => {
    if (waiting.size === 0) worker.ref() // a write in flight keeps the process alive until stored
    waiting.set(job.id, waiters)
    if ('packed' in job) worker.postMessage(job, [job.packed])
    else worker.postMessage(job)
  }
  const flush = () => {
    const b = batch
    batch = null
    if (b) send({ id: b.id, packed: packRows(b.rows) }, b.waiters)
  }

  return {
    append(row) {
      if (failed) return Promise.reject(failed)
      return new Promise<void>((resolve, reject) => {
        if (!batch) {
          batch = { id: nextId++, rows: [], waiters: [] }
          setImmediate(flush)
        }
        batch.rows.push(row)
        batch.waiters.push({ resolve, reject })
      })
    },
    saveSnapshot(snapshot) {
      if (failed) return Promise.reject(failed)
      flush() // after the appends it covers
      return new Promise<void>((resolve, reject) => send({ id: nextId++, snapshot }, [{ resolve, reject }]))
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
