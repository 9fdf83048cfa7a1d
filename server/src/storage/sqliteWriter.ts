import { closeSync, ftruncateSync, openSync, writeSync } from 'node:fs'
import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'
import { crc32 } from 'node:zlib'

import type Database from 'better-sqlite3'

import { threadData } from '../threadNames.js'
import { recordBound, segmentPath, unrecordable, type UpdateRow, writeRecord } from './appendJournal.js'
import {
  type LoadIo,
  loadIo,
  type LoadJob,
  loadJob,
  type LoadResult,
  recoverJournal,
  type Reply,
  WORKER_SOURCE,
} from './journalLoader.js'

export type { UpdateRow } from './appendJournal.js'

export interface SnapshotRow {
  sessionId: string
  doc: string
  bound: number
  at: number
  data: Uint8Array
}

/** Where the log's writes go: the append journal and a loader thread, or (`:memory:`) inline. */
export interface LogWriter {
  /** Resolves once the row is stored (kept across a crash); a row that cannot be stored rejects alone. */
  append(row: UpdateRow): Promise<void>
  /** Resolves once the snapshot is queued behind the rows it covers; readers see it after settle(). */
  saveSnapshot(row: SnapshotRow): Promise<void>
  /** Resolves once every row and snapshot of the session handed over so far is in SQLite. */
  settle(sessionId: string): Promise<void>
  /** Bytes handed over and not yet in SQLite (they are on disk in the journal). */
  readonly pendingBytes: number
  /** Loads what was handed over, then stops. */
  close(): Promise<void>
}

/** The writer's SQL, shared by the thread and the inline paths. */
export interface WriterSql {
  /** A row appended inline: a second row with its key fails. */
  insertUpdate: string
  /** A row loaded from the journal: one already stored (a segment loaded again after a crash between its commit and its removal) is skipped. */
  loadUpdate: string
  insertSnapshot: string
}

/**
 * When the journal is loaded: `ms` after its first unloaded row, or once it holds `bytes`. The
 * longer, the more rows each index page takes per write (a micro-benchmark: 21.8 µs a row every
 * 1,000 rows, 12.2 every 4,000, 8.4 every 16,000, 500 sessions interleaved), and the longer a
 * reader of a live session may wait for a load (see settle()).
 */
export interface LoadSchedule {
  ms: number
  bytes: number
  /** Rows per transaction of a load. */
  chunkRows: number
}

export const LOAD_SCHEDULE: LoadSchedule = { ms: 5000, bytes: 16 * 1024 * 1024, chunkRows: 2000 }

export interface JournalHooks {
  /** The loader thread failed: loads now run on the caller's connection. */
  onThreadFailure: (err: unknown) => void
  /** A load failed (the segments stay on disk and are tried again); null: loads work again. */
  onLoadFailure: (message: string | null) => void
  /** A load found rows already stored, or a torn record (after a crash or a failed write). */
  onOddities: (result: LoadResult) => void
}

const odd = (result: LoadResult) => result.ignored > 0 || result.missing > 0 || result.torn > 0

/** Reused for every record up to this size; a larger one gets a buffer of its own. */
const SCRATCH_MAX = 1024 * 1024
let scratch = Buffer.allocUnsafe(64 * 1024)
const RESOLVED = Promise.resolve()

interface Waiter {
  end: number
  resolve: () => void
  reject: (err: Error) => void
}

/**
 * The log through the append journal (see appendJournal.ts). Appends write a record on the
 * caller's thread and resolve at once; a thread with its own connection loads the journal into
 * SQLite now and then, one job at a time (WAL: the main thread's reads never wait for it). If the
 * thread fails, loads run on `db`, the caller's connection.
 */
export function startLogWriter(
  file: string,
  db: Database.Database,
  sql: WriterSql,
  hooks: JournalHooks,
  schedule: LoadSchedule = LOAD_SCHEDULE,
): LogWriter & { readonly loads: number } {
  const recovered = recoverJournal(db, file, sql)
  if (odd(recovered.result)) hooks.onOddities(recovered.result)
  let nextSegment = recovered.next
  const driver = createRequire(import.meta.url).resolve('better-sqlite3')
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { file, driver, sql, chunkRows: schedule.chunkRows, thread: threadData('logWriter') },
  })
  worker.unref()
  /** Once the thread failed, loads run on the caller's connection (its statements made at the first). */
  let inline = false
  let inlineIo: LoadIo | null = null

  /** The segment being written: opened at its first append. */
  let segment: { path: string; fd: number; bytes: number } | null = null
  /**
   * Everything handed over is numbered: a row by its record's bytes, a snapshot by one. A reader
   * of a session waits until `loaded` passes the number of the session's last row or snapshot.
   */
  let handed = 0
  let loaded = 0
  let writtenBytes = 0
  let loadedBytes = 0
  /** Closed segments and snapshots not yet sent, and where the numbering stood when they were closed. */
  let queued: LoadJob = { paths: [], snapshots: [] }
  let queuedEnd = 0
  let queuedBytes = 0
  let inFlight: { job: LoadJob; end: number; bytes: number } | null = null
  /** The number of each session's last row or snapshot not yet loaded. */
  const lastOf = new Map<string, number>()
  let waiters: Waiter[] = []
  let timer: NodeJS.Timeout | null = null
  let loads = 0
  let failing = false
  let closing: (() => void) | null = null
  let closed: Promise<void> | null = null
  let stopped = false

  const later = (ms: number) => {
    timer ??= setTimeout(rotate, ms)
  }
  /** Closes the segment being written and queues it with the snapshots; sends unless a load runs. */
  function rotate(): void {
    if (timer) clearTimeout(timer)
    timer = null
    if (segment) {
      try {
        closeSync(segment.fd)
      } catch {
        // Its records are written; a failed close loses none of them.
      }
      queued.paths.push(segment.path)
      segment = null
    }
    queuedEnd = handed
    queuedBytes = writtenBytes
    send()
  }
  function send(): void {
    if (inFlight || stopped || (queued.paths.length === 0 && queued.snapshots.length === 0)) return
    inFlight = { job: queued, end: queuedEnd, bytes: queuedBytes }
    queued = { paths: [], snapshots: [] }
    loads++
    if (inline) {
      const { job } = inFlight
      // After this turn, as the thread would answer.
      setImmediate(() => {
        let reply: Exclude<Reply, 'stopped'>
        try {
          inlineIo ??= loadIo(db, sql, schedule.chunkRows)
          reply = { ok: true, result: loadJob(job, inlineIo) }
        } catch (err) {
          reply = { ok: false, message: err instanceof Error ? err.message : String(err) }
        }
        settled(reply)
      })
      return
    }
    worker.ref() // a load in flight keeps the process alive until stored
    worker.postMessage(inFlight.job)
  }
  function settled(reply: Exclude<Reply, 'stopped'>): void {
    const done = inFlight
    if (!done) return
    inFlight = null
    if (!inline) worker.unref()
    if (reply.ok) {
      loaded = done.end
      loadedBytes = done.bytes
      if (failing) hooks.onLoadFailure(null)
      failing = false
      if (odd(reply.result)) hooks.onOddities(reply.result)
      for (const [id, end] of lastOf) if (end <= loaded) lastOf.delete(id)
      waiters = waiters.filter((w) => (w.end <= loaded ? void w.resolve() : true))
    } else {
      // Tried again first thing, before anything handed over since.
      queued = {
        paths: [...done.job.paths, ...queued.paths],
        snapshots: [...done.job.snapshots, ...queued.snapshots],
      }
      queuedEnd = Math.max(queuedEnd, done.end)
      queuedBytes = Math.max(queuedBytes, done.bytes)
      failing = true
      hooks.onLoadFailure(reply.message)
      const err = new Error(`the log could not be loaded into SQLite: ${reply.message}`)
      for (const w of waiters) w.reject(err)
      waiters = []
      if (!closing) return later(schedule.ms)
    }
    if (closing) return finishClose()
    // A reader waits for rows still in the open segment: close it now.
    if (waiters.some((w) => w.end > queuedEnd)) rotate()
    else send()
  }
  function finishClose(): void {
    if (!failing && (queued.paths.length > 0 || queued.snapshots.length > 0)) return send()
    // What could not be loaded stays in its segments, loaded at the next start.
    stopped = true
    for (const w of waiters.splice(0)) w.reject(new Error('the log writer stopped'))
    closing?.()
  }
  function threadFailed(err: unknown): void {
    if (inline || stopped) return
    inline = true
    hooks.onThreadFailure(err)
    if (!inFlight) return
    // Its answer never comes: load it here (rows the thread did commit are ignored the second time).
    const { job } = inFlight
    inFlight = null
    queued = { paths: [...job.paths, ...queued.paths], snapshots: [...job.snapshots, ...queued.snapshots] }
    send()
  }

  worker.on('error', threadFailed)
  worker.on('exit', (code) => threadFailed(new Error(`log loader thread exited with code ${code}`)))
  worker.on('message', (reply: Reply) => {
    if (reply === 'stopped') return void worker.terminate()
    settled(reply)
  })

  /** Writes the row's record to the open segment (opening one if none is); throws if it cannot. */
  const write = (row: UpdateRow) => {
    const bound = recordBound(row)
    if (bound > scratch.byteLength && bound <= SCRATCH_MAX)
      scratch = Buffer.allocUnsafe(Math.min(SCRATCH_MAX, Math.max(bound, 2 * scratch.byteLength)))
    const out = bound <= scratch.byteLength ? scratch : Buffer.allocUnsafe(bound)
    if (!segment) {
      const path = segmentPath(file, nextSegment)
      segment = { path, fd: openSync(path, 'wx'), bytes: 0 }
      nextSegment++
    }
    const length = writeRecord(out, row, crc32)
    const wrote = writeSync(segment.fd, out, 0, length, segment.bytes)
    if (wrote !== length) throw new Error(`journal write stored ${wrote} of ${length} bytes`)
    segment.bytes += length
    return length
  }

  return {
    get loads() {
      return loads
    },
    get pendingBytes() {
      return writtenBytes - loadedBytes
    },
    append(row) {
      if (stopped || closing) return Promise.reject(new Error('the log writer stopped'))
      const problem = unrecordable(row)
      if (problem) return Promise.reject(new Error(problem))
      let length: number
      try {
        length = write(row)
      } catch (err) {
        if (segment) {
          // The record may be half written: cut it off, and write no more to this segment either way.
          try {
            ftruncateSync(segment.fd, segment.bytes)
          } catch {
            // A load reads up to the torn record and no further.
          }
          rotate()
        }
        return Promise.reject(err instanceof Error ? err : new Error(String(err)))
      }
      handed += length
      writtenBytes += length
      lastOf.set(row[0], handed)
      if (segment!.bytes >= schedule.bytes) rotate()
      else later(schedule.ms)
      return RESOLVED
    },
    saveSnapshot(snapshot) {
      if (stopped || closing) return Promise.reject(new Error('the log writer stopped'))
      // Queued behind the rows it covers: they were written before it was taken.
      if (segment) rotate()
      queued.snapshots.push(snapshot)
      lastOf.set(snapshot.sessionId, ++handed)
      queuedEnd = handed
      later(schedule.ms)
      return RESOLVED
    },
    settle(sessionId) {
      const end = lastOf.get(sessionId)
      if (end === undefined || end <= loaded) return RESOLVED
      // Closed while loads failed: the rows wait in their segments for the next start.
      if (stopped) return Promise.reject(new Error('the log writer stopped'))
      return new Promise<void>((resolve, reject) => {
        waiters.push({ end, resolve, reject })
        if (end > queuedEnd) rotate()
        else send()
      })
    },
    close() {
      if (!closed) {
        const done = new Promise<void>((resolve) => (closing = resolve))
        rotate()
        if (!inFlight) finishClose()
        closed = done.then(async () => {
          if (inline) return
          const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()))
          worker.ref()
          worker.postMessage('stop')
          await exited
        })
      }
      return closed
    },
  }
}

/** The log's rows committed on the caller's connection, a turn's rows at a time: `:memory:` databases, and `writerThread: false`. */
export function inlineLogWriter(db: Database.Database, sql: WriterSql): LogWriter {
  const insertUpdate = db.prepare(sql.insertUpdate)
  const insertSnapshot = db.prepare(sql.insertSnapshot)
  let pending: Array<{ row: UpdateRow; resolve: () => void; reject: (err: Error) => void }> = []
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
    // A row is in SQLite before its append resolves.
    settle: () => RESOLVED,
    pendingBytes: 0,
    async close() {
      if (pending.length > 0) commit()
    },
  }
}
