import { readFileSync, unlinkSync } from 'node:fs'
import { crc32 } from 'node:zlib'

import type Database from 'better-sqlite3'

import { SET_UP_THREAD_SOURCE } from '../threadNames.js'
import { leftSegments, readSegment, type UpdateRow } from './appendJournal.js'
import type { SnapshotRow, WriterSql } from './sqliteWriter.js'

/** One load: these segments, in order, then these snapshots. */
export interface LoadJob {
  paths: string[]
  snapshots: SnapshotRow[]
}

export interface LoadResult {
  /** Rows already stored (a segment loaded twice). */
  ignored: number
  /** Segments not found (loaded and deleted by an attempt whose answer was lost). */
  missing: number
  /** Bytes after a segment's last whole record. */
  torn: number
}

/** What a load needs: plain values, so the loader thread can be handed the same function as text. */
export interface LoadIo {
  readFileSync: (path: string) => Buffer
  unlinkSync: (path: string) => void
  crc32: (data: Uint8Array) => number
  readSegment: typeof readSegment
  insertChunk: (rows: UpdateRow[], from: number, to: number) => number
  insertSnapshots: (rows: SnapshotRow[]) => void
  chunkRows: number
}

/**
 * Loads a job's segments in transactions of `chunkRows` rows (sorted, so each covers a stretch of
 * sessions: the write lock is never held long), then its snapshots, then deletes the segments.
 * A failure leaves them all on disk, to be loaded again (rows already in are ignored). Plain
 * JavaScript without closures: the loader thread runs its source text.
 */
export function loadJob(job: LoadJob, io: LoadIo): LoadResult {
  let ignored = 0
  let missing = 0
  let torn = 0
  for (const path of job.paths) {
    let bytes: Buffer
    try {
      bytes = io.readFileSync(path)
    } catch (err) {
      // Gone: loaded and deleted by an attempt whose answer was lost (the thread failed).
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err
      missing++
      continue
    }
    const { rows, end } = io.readSegment(bytes, io.crc32)
    torn += bytes.byteLength - end
    for (let i = 0; i < rows.length; i += io.chunkRows)
      ignored += io.insertChunk(rows, i, Math.min(rows.length, i + io.chunkRows))
  }
  if (job.snapshots.length > 0) io.insertSnapshots(job.snapshots)
  for (const path of job.paths) {
    try {
      io.unlinkSync(path)
    } catch (err) {
      // Kept, the segment would load again (its rows are skipped) and outlive a deletion: the
      // job fails and is tried again.
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err
    }
  }
  return { ignored, missing, torn }
}

/** The loads' statements on a connection (the thread's, or the caller's). */
export function loadIo(db: Database.Database, sql: WriterSql, chunkRows: number): LoadIo {
  const insertUpdate = db.prepare(sql.loadUpdate)
  const insertSnapshot = db.prepare(sql.insertSnapshot)
  return {
    readFileSync,
    unlinkSync,
    crc32,
    readSegment,
    insertChunk: db.transaction((rows: UpdateRow[], from: number, to: number) => {
      let ignored = 0
      for (let i = from; i < to; i++) ignored += 1 - insertUpdate.run(...rows[i]!).changes
      return ignored
    }),
    insertSnapshots: db.transaction((rows: SnapshotRow[]) => {
      for (const row of rows) insertSnapshot.run(row)
    }),
    chunkRows,
  }
}

/** Plain CommonJS, so the thread needs no TypeScript loader: it loads what it is sent, one job at a time. */
export const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
const { readFileSync, unlinkSync } = require('node:fs')
const { crc32 } = require('node:zlib')
${SET_UP_THREAD_SOURCE}
const Database = require(workerData.driver)
const db = new Database(workerData.file)
db.pragma('busy_timeout = 5000')
db.pragma('synchronous = NORMAL')
db.pragma('secure_delete = ON')
const insertUpdate = db.prepare(workerData.sql.loadUpdate)
const insertSnapshot = db.prepare(workerData.sql.insertSnapshot)
const readSegment = ${readSegment.toString()}
const loadJob = ${loadJob.toString()}
const io = {
  readFileSync,
  unlinkSync,
  crc32,
  readSegment,
  insertChunk: db.transaction((rows, from, to) => {
    let ignored = 0
    for (let i = from; i < to; i++) ignored += 1 - insertUpdate.run(...rows[i]).changes
    return ignored
  }),
  insertSnapshots: db.transaction((rows) => rows.forEach((row) => insertSnapshot.run(row))),
  chunkRows: workerData.chunkRows,
}
parentPort.on('message', (job) => {
  if (job === 'stop') {
    db.close()
    parentPort.postMessage('stopped')
    return
  }
  try {
    parentPort.postMessage({ ok: true, result: loadJob(job, io) })
  } catch (err) {
    parentPort.postMessage({ ok: false, message: String((err && err.message) || err) })
  }
})
`

export type Reply = { ok: true; result: LoadResult } | { ok: false; message: string } | 'stopped'

/**
 * Loads the segments a previous run left (a crash, a load that failed) on the caller's connection,
 * before anything reads or numbers the log. Returns the next segment number.
 */
export function recoverJournal(
  db: Database.Database,
  file: string,
  sql: WriterSql,
): {
  next: number
  result: LoadResult
} {
  const left = leftSegments(file)
  const result = loadJob({ paths: left.map((s) => s.path), snapshots: [] }, loadIo(db, sql, 1_000_000))
  return { next: (left.at(-1)?.n ?? 0) + 1, result }
}
