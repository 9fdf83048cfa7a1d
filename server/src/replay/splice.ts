import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'

/**
 * Joining a snapshot and the updates after it into one Yjs update, without decoding content.
 *
 * `Y.mergeUpdates` decodes every struct of every input, content included (each tldraw record is
 * a lib0 `any` object), and encodes it all again: ~11 ms for a 130 kB board snapshot before a
 * single tail update is looked at. But a replay request joins an immutable snapshot with updates
 * that, in the usual case, each continue their author's clock exactly where the log before them
 * stopped. Then the joined update is, per client, the struct bytes of each input one after the
 * other under a new header, plus the union of the delete sets. This module finds those byte
 * ranges (skipping over content, allocating nothing for it) and copies them. Anything unusual
 * (a gap or an overlap in a client's clocks) is left to `Y.mergeUpdates`: see `spliceUpdates`.
 *
 * Format reference: yjs `readClientsStructRefs` / `readDeleteSet` (update format v1).
 */

/** One client's run of structs inside an update. */
interface Section {
  client: number
  count: number
  clock: number
  endClock: number
  /** Byte range of the structs (after the section header) in the update. */
  from: number
  to: number
}

/** Where things are in one v1 update: its struct sections and its delete set. */
export interface UpdateLayout {
  bytes: Uint8Array
  sections: Section[]
  /** Deleted ranges per client: [clock, length] pairs in the order stored. */
  deletes: Map<number, number[]>
}

const BIT6 = 32
const BIT7 = 64
const BIT8 = 128
const BITS5 = 31

/** Skips a lib0 var(u)int: every byte but the last has the high bit set. */
function skipVar(d: decoding.Decoder): void {
  while (d.arr[d.pos++]! >= BIT8) {
    // continue
  }
}

function skipBytes(d: decoding.Decoder): void {
  const len = decoding.readVarUint(d)
  d.pos += len
}

/** Skips one lib0 `any` value (see lib0 decoding.readAny). */
function skipAny(d: decoding.Decoder): void {
  const tag = 127 - d.arr[d.pos++]!
  switch (tag) {
    case 0: // undefined
    case 1: // null
    case 6: // false
    case 7: // true
      return
    case 2: // integer
      return skipVar(d)
    case 3: // float32
      d.pos += 4
      return
    case 4: // float64
    case 5: // bigint64
      d.pos += 8
      return
    case 8: // string
    case 11: // Uint8Array
      return skipBytes(d)
    case 9: {
      // object
      const n = decoding.readVarUint(d)
      for (let i = 0; i < n; i++) {
        skipBytes(d)
        skipAny(d)
      }
      return
    }
    case 10: {
      // array
      const n = decoding.readVarUint(d)
      for (let i = 0; i < n; i++) skipAny(d)
      return
    }
    default:
      throw new Error(`unknown any tag ${127 - tag}`)
  }
}

/** Length in UTF-16 code units of a UTF-8 string of `n` bytes at the decoder (what Yjs counts). */
function skipStringLength(d: decoding.Decoder): number {
  const n = decoding.readVarUint(d)
  let units = 0
  const end = d.pos + n
  for (let i = d.pos; i < end; i++) {
    const b = d.arr[i]!
    if ((b & 0xc0) !== 0x80) units += b >= 0xf0 ? 2 : 1
  }
  d.pos = end
  return units
}

/** Skips an item's content; returns its length (the clock units it covers). */
function skipContent(d: decoding.Decoder, ref: number): number {
  switch (ref) {
    case 1: // ContentDeleted
      return decoding.readVarUint(d)
    case 2: {
      // ContentJSON: strings
      const n = decoding.readVarUint(d)
      for (let i = 0; i < n; i++) skipBytes(d)
      return n
    }
    case 3: // ContentBinary
      skipBytes(d)
      return 1
    case 4: // ContentString
      return skipStringLength(d)
    case 5: // ContentEmbed (JSON string)
      skipBytes(d)
      return 1
    case 6: // ContentFormat (key, JSON string)
      skipBytes(d)
      skipBytes(d)
      return 1
    case 7: {
      // ContentType: type ref, and a name for XML elements (3) and hooks (5)
      const typeRef = decoding.readVarUint(d)
      if (typeRef === 3 || typeRef === 5) skipBytes(d)
      return 1
    }
    case 8: {
      // ContentAny
      const n = decoding.readVarUint(d)
      for (let i = 0; i < n; i++) skipAny(d)
      return n
    }
    case 9: // ContentDoc: guid, options
      skipBytes(d)
      skipAny(d)
      return 1
    default:
      throw new Error(`unknown content ref ${ref}`)
  }
}

/** Reads where the sections and the delete set of a v1 update are. Throws on malformed input. */
export function layoutOf(bytes: Uint8Array): UpdateLayout {
  const d = decoding.createDecoder(bytes)
  const sections: Section[] = []
  const clients = decoding.readVarUint(d)
  for (let c = 0; c < clients; c++) {
    const count = decoding.readVarUint(d)
    const client = decoding.readVarUint(d)
    const clock = decoding.readVarUint(d)
    const from = d.pos
    let end = clock
    for (let i = 0; i < count; i++) {
      const info = d.arr[d.pos++]!
      const ref = info & BITS5
      if (ref === 0 || ref === 10) {
        // GC or Skip: a length only
        end += decoding.readVarUint(d)
        continue
      }
      if (info & BIT8) {
        skipVar(d)
        skipVar(d)
      }
      if (info & BIT7) {
        skipVar(d)
        skipVar(d)
      }
      if ((info & (BIT7 | BIT8)) === 0) {
        if (decoding.readVarUint(d) === 1) skipBytes(d)
        else {
          skipVar(d)
          skipVar(d)
        }
        if (info & BIT6) skipBytes(d)
      }
      end += skipContent(d, ref)
    }
    sections.push({ client, count, clock, endClock: end, from, to: d.pos })
  }
  const deletes = new Map<number, number[]>()
  const dsClients = decoding.readVarUint(d)
  for (let c = 0; c < dsClients; c++) {
    const client = decoding.readVarUint(d)
    const n = decoding.readVarUint(d)
    const ranges = deletes.get(client) ?? []
    for (let i = 0; i < n; i++) ranges.push(decoding.readVarUint(d), decoding.readVarUint(d))
    deletes.set(client, ranges)
  }
  if (d.pos > bytes.length) throw new Error('update ends early')
  return { bytes, sections, deletes }
}

/** Sorted, merged [clock, len] pairs. */
function unionRanges(flat: number[]): number[] {
  const pairs: [number, number][] = []
  for (let i = 0; i < flat.length; i += 2) if (flat[i + 1]! > 0) pairs.push([flat[i]!, flat[i + 1]!])
  pairs.sort((a, b) => a[0] - b[0])
  const out: number[] = []
  for (const [clock, len] of pairs) {
    const last = out.length - 2
    if (last >= 0 && clock <= out[last]! + out[last + 1]!)
      out[last + 1] = Math.max(out[last + 1]!, clock + len - out[last]!)
    else out.push(clock, len)
  }
  return out
}

/**
 * The updates in `parts`, in order, joined into one v1 update by copying struct bytes: equal in
 * effect to `Y.mergeUpdates` of the same bytes. Returns null when some client's structs do not
 * continue exactly where its earlier ones ended (a gap or an overlap), for the caller to merge
 * the slow way.
 */
export function spliceUpdates(parts: readonly UpdateLayout[]): Uint8Array | null {
  const byClient = new Map<
    number,
    { clock: number; endClock: number; count: number; runs: [Uint8Array, number, number][] }
  >()
  for (const part of parts) {
    for (const s of part.sections) {
      if (s.count === 0) continue
      const run = byClient.get(s.client)
      if (!run) {
        byClient.set(s.client, {
          clock: s.clock,
          endClock: s.endClock,
          count: s.count,
          runs: [[part.bytes, s.from, s.to]],
        })
      } else {
        if (s.clock !== run.endClock) return null
        run.endClock = s.endClock
        run.count += s.count
        run.runs.push([part.bytes, s.from, s.to])
      }
    }
  }
  const deletes = new Map<number, number[]>()
  for (const part of parts) {
    for (const [client, ranges] of part.deletes) {
      const all = deletes.get(client)
      if (all) for (const x of ranges) all.push(x)
      else deletes.set(client, [...ranges])
    }
  }

  const e = encoding.createEncoder()
  // Clients in descending order, as Yjs writes them.
  const clients = [...byClient.keys()].sort((a, b) => b - a)
  encoding.writeVarUint(e, clients.length)
  for (const client of clients) {
    const run = byClient.get(client)!
    encoding.writeVarUint(e, run.count)
    encoding.writeVarUint(e, client)
    encoding.writeVarUint(e, run.clock)
    for (const [src, from, to] of run.runs) encoding.writeUint8Array(e, src.subarray(from, to))
  }
  const dsClients = [...deletes.entries()]
    .map(([client, flat]) => [client, unionRanges(flat)] as const)
    .filter(([, r]) => r.length > 0)
  dsClients.sort((a, b) => b[0] - a[0])
  encoding.writeVarUint(e, dsClients.length)
  for (const [client, ranges] of dsClients) {
    encoding.writeVarUint(e, client)
    encoding.writeVarUint(e, ranges.length / 2)
    for (const x of ranges) encoding.writeVarUint(e, x)
  }
  return encoding.toUint8Array(e)
}
