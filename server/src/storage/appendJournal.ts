import { readdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs'
import { basename, dirname, join, resolve } from 'node:path'

/** One row of the log: session, doc, seq, time, bytes. */
export type UpdateRow = [sessionId: string, doc: string, seq: number, at: number, data: Uint8Array]

/**
 * The append journal: where the log's rows go first, one `write` each on the event loop, before a
 * room relays them. A `write` to a file outlives the process (kill -9) exactly as a WAL commit
 * with `synchronous = NORMAL` does, and costs the loop 3–4 µs, where a SQLite row of the log cost
 * its writer thread 40–50 (the unique (session, doc, seq) index dirtied a page per row when
 * hundreds of sessions interleave). A thread later loads each segment into SQLite in one go,
 * sorted by (session, doc, seq), so each index page takes many rows per write; then deletes it.
 *
 * A segment is `<database>-appends.<n>`, n counting up. A record: u32 body length, u32 CRC-32
 * of the body, then the body: u16 session id length, u8 doc name length, u32 data length, f64
 * seq, f64 time, the session id and doc name (UTF-8), the data. All little-endian.
 */
export const RECORD_HEADER = 8
export const BODY_HEADER = 23
const MAX_SESSION_ID_BYTES = 0xffff
const MAX_DOC_BYTES = 0xff

/** Why a row cannot be written as a record, or null. Names are the server's own; this keeps a bad one to its row. */
export function unrecordable([sessionId, doc]: UpdateRow): string | null {
  // UTF-8 takes at most 3 bytes per UTF-16 unit: the exact count only for long names.
  if (sessionId.length * 3 > MAX_SESSION_ID_BYTES && Buffer.byteLength(sessionId) > MAX_SESSION_ID_BYTES)
    return `session id over ${MAX_SESSION_ID_BYTES} bytes`
  if (doc.length * 3 > MAX_DOC_BYTES && Buffer.byteLength(doc) > MAX_DOC_BYTES)
    return `doc name over ${MAX_DOC_BYTES} bytes`
  return null
}

/** Writes the row's record into `out` (large enough: see recordBound) and returns its length. */
export function writeRecord(
  out: Buffer,
  [sessionId, doc, seq, at, data]: UpdateRow,
  crc32: (data: Uint8Array) => number,
): number {
  const body = RECORD_HEADER
  const sid = out.write(sessionId, body + BODY_HEADER, 'utf8')
  const name = out.write(doc, body + BODY_HEADER + sid, 'utf8')
  out.writeUInt16LE(sid, body)
  out.writeUInt8(name, body + 2)
  out.writeUInt32LE(data.byteLength, body + 3)
  out.writeDoubleLE(seq, body + 7)
  out.writeDoubleLE(at, body + 15)
  const end = body + BODY_HEADER + sid + name
  out.set(data, end)
  const size = BODY_HEADER + sid + name + data.byteLength
  out.writeUInt32LE(size, 0)
  out.writeUInt32LE(crc32(out.subarray(body, body + size)), 4)
  return RECORD_HEADER + size
}

/** Bytes a row's record can take at most. */
export const recordBound = ([sessionId, doc, , , data]: UpdateRow): number =>
  RECORD_HEADER + BODY_HEADER + 3 * (sessionId.length + doc.length) + data.byteLength

/**
 * A segment's rows sorted by (session, doc, seq), and where its last whole record ends: a record
 * torn by a crash or a failed write, and anything after it, is not read (its append was refused
 * or never answered). Plain JavaScript without closures or imports: the loader thread runs its
 * source text.
 */
export function readSegment(
  bytes: Buffer,
  crc32: (data: Uint8Array) => number,
): { rows: UpdateRow[]; end: number } {
  const rows: UpdateRow[] = []
  let o = 0
  while (o + 8 + 23 <= bytes.byteLength) {
    const size = bytes.readUInt32LE(o)
    const body = o + 8
    if (size < 23 || body + size > bytes.byteLength) break
    if (crc32(bytes.subarray(body, body + size)) !== bytes.readUInt32LE(o + 4)) break
    const sidLen = bytes.readUInt16LE(body)
    const docLen = bytes.readUInt8(body + 2)
    const dataLen = bytes.readUInt32LE(body + 3)
    if (23 + sidLen + docLen + dataLen !== size) break
    const names = body + 23
    rows.push([
      bytes.toString('utf8', names, names + sidLen),
      bytes.toString('utf8', names + sidLen, names + sidLen + docLen),
      bytes.readDoubleLE(body + 7),
      bytes.readDoubleLE(body + 15),
      bytes.subarray(names + sidLen + docLen, body + size),
    ])
    o = body + size
  }
  // Stable: a doc's rows keep their order, which is already by seq.
  rows.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : a[2] - b[2]))
  return { rows, end: o }
}

/** The path of segment `n` of the database `file`. */
export const segmentPath = (file: string, n: number): string => `${file}-appends.${n}`

/** The segments left beside `file` (by a crash, or a load that failed), oldest first. */
export function leftSegments(file: string): Array<{ n: number; path: string }> {
  const prefix = `${basename(file)}-appends.`
  return readdirSync(dirname(file))
    .filter((name) => name.startsWith(prefix) && /^\d+$/.test(name.slice(prefix.length)))
    .map((name) => ({ n: Number(name.slice(prefix.length)), path: join(dirname(file), name) }))
    .sort((a, b) => a.n - b.n)
}

/** Files this process holds (see lockDatabase). */
const held = new Set<string>()

const alive = (pid: number) => {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * Claims `file` for this process (`<file>-appends.lock`, holding its pid) and returns what
 * releases it. A second server on the same data folder would load and delete the first one's open
 * segment at its start, and number the log apart from it: it refuses to start instead. A lock
 * left by a process that is gone (kill -9) is taken over.
 */
export function lockDatabase(file: string): () => void {
  const path = `${file}-appends.lock`
  const key = resolve(path)
  if (held.has(key)) throw new Error(`${file} is open already in this process`)
  for (;;) {
    try {
      writeFileSync(path, String(process.pid), { flag: 'wx' })
      break
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
    }
    let owner: number
    try {
      owner = Number(readFileSync(path, 'utf8'))
    } catch {
      continue // released meanwhile
    }
    if (owner > 0 && owner !== process.pid && alive(owner))
      throw new Error(`${file} is in use by process ${owner}: one Mockboard server per data folder`)
    try {
      unlinkSync(path) // its owner is gone
    } catch {
      // Another process took it over first: try again.
    }
  }
  held.add(key)
  return () => {
    held.delete(key)
    try {
      unlinkSync(path)
    } catch {
      // Gone already.
    }
  }
}
