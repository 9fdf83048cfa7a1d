// The update gate's reader of Yjs v1 updates: what each struct is and where it says it goes, read
// once, without building Yjs' objects (inspectUpdate.ts decides what that means for the doc).
import * as decoding from 'lib0/decoding'
import * as Y from 'yjs'

import {
  BITS5,
  HAS_ORIGIN,
  HAS_PARENT_SUB,
  HAS_RIGHT_ORIGIN,
  MAX_ANY_DEPTH,
  NAMED_TYPES,
  SKIP,
  skipBytes,
} from './updateCost.js'

export interface Id {
  client: number
  clock: number
}

/**
 * One struct of an update as far as the gate cares: Yjs' own decoder builds an Item, its IDs and
 * its content for each, and applying the update builds them all again.
 */
export interface Struct {
  client: number
  clock: number
  length: number
  /** 'skip' (a gap) and 'gc' carry nothing but their length. */
  kind: 'item' | 'gc' | 'skip'
  origin: Id | null
  rightOrigin: Id | null
  /** A root type's name, the item of a nested type, or null: the neighbour's (origin's) parent. */
  parent: string | Id | null
  /** Yjs' content ref (1 deleted, 2 JSON, 4 string, 7 type, 8 any, …). */
  content: number
  /** The JSON values of JSON and any content. */
  values: unknown[] | null
}

export const CONTENT_DELETED = 1
const CONTENT_JSON = 2
const CONTENT_STRING = 4
export const CONTENT_TYPE = 7
const CONTENT_ANY = 8
/** What board records, notes and deletions are made of; anything else is checked by Yjs too. */
const COMMON_CONTENT = new Set([CONTENT_DELETED, CONTENT_STRING, CONTENT_ANY])

/** Yjs' type refs: array, map, text, XML element (named), fragment, hook (named), XML text. */
const TYPE_REFS = 7

/**
 * Reads a Yjs (v1) update the way Yjs' `lazyStructReaderGenerator` and `readDeleteSet` do (yjs 13),
 * keeping per struct only what the gate uses. Strings are decoded as lib0 does (fatal UTF-8) and
 * JSON parsed as Yjs does, so an update that would make Yjs throw makes this throw first.
 */
export function readUpdate(update: Uint8Array): {
  structs: Struct[]
  deletes: Array<[number, number, number]>
  /** Some item's content is neither any values, a string nor deleted (see COMMON_CONTENT). */
  rare: boolean
} {
  const d = decoding.createDecoder(update)
  lastRead = { update, spans: [], values: [] }
  const structs: Struct[] = []
  let rare = false
  const clients = decoding.readVarUint(d)
  // A Set: a message can hold as many client lists as MOCKBOARD_MAX_UPDATE_STRUCTS.
  const listed = new Set<number>()
  for (let c = 0; c < clients; c++) {
    const count = decoding.readVarUint(d)
    const client = decoding.readVarUint(d)
    // Yjs reads every list but keeps only a client's last: whatever the gate checked in the
    // others, it would not be what Yjs applies. Yjs itself never writes a client twice.
    if (listed.has(client)) throw new Error('a client listed twice')
    listed.add(client)
    let clock = decoding.readVarUint(d)
    for (let i = 0; i < count; i++) {
      const s = readStruct(d, client, clock)
      // Yjs never writes an empty struct (an empty string, say), and fails half-way through
      // applying one it has to set aside as pending.
      if (s.length === 0) throw new Error('empty struct')
      if (s.kind === 'item' && !COMMON_CONTENT.has(s.content)) rare = true
      structs.push(s)
      clock += s.length
    }
  }
  const deletes: Array<[number, number, number]> = []
  const deleters = decoding.readVarUint(d)
  const deleting = new Set<number>()
  for (let c = 0; c < deleters; c++) {
    const client = decoding.readVarUint(d)
    // Yjs writes each client's ranges once, sorted and merged. Ranges that repeat or overlap cost
    // one unit each yet make the gate and Yjs walk what they cover again: 5,000 copies of one
    // range over 2,000 records stalled the event loop for seconds. So each struct is covered once.
    if (deleting.has(client)) throw new Error('a client listed twice in the deletions')
    deleting.add(client)
    let end = 0
    const ranges = decoding.readVarUint(d)
    for (let r = 0; r < ranges; r++) {
      const clock = decoding.readVarUint(d)
      const len = decoding.readVarUint(d)
      // Yjs never writes an empty range, and fails half-way through applying one it cannot apply yet.
      if (len === 0) throw new Error('empty deletion range')
      if (clock < end) throw new Error('deletion ranges out of order or overlapping')
      end = clock + len
      deletes.push([client, clock, len])
    }
  }
  return { structs, deletes, rare }
}

function readStruct(d: decoding.Decoder, client: number, clock: number): Struct {
  const info = decoding.readUint8(d)
  // Every struct has its properties in one order: one object shape for V8.
  if (info === SKIP || (info & BITS5) === 0) {
    const kind = info === SKIP ? 'skip' : 'gc'
    const length = decoding.readVarUint(d)
    return {
      client,
      clock,
      length,
      kind,
      origin: null,
      rightOrigin: null,
      parent: null,
      content: 0,
      values: null,
    }
  }
  const origin = info & HAS_ORIGIN ? readId(d) : null
  const rightOrigin = info & HAS_RIGHT_ORIGIN ? readId(d) : null
  let parent: string | Id | null = null
  if ((info & (HAS_ORIGIN | HAS_RIGHT_ORIGIN)) === 0) {
    parent = decoding.readVarUint(d) === 1 ? readString(d) : readId(d)
    if (info & HAS_PARENT_SUB) readString(d)
  }
  const content = info & BITS5
  const { length, values } = readContent(d, content)
  return { client, clock, length, kind: 'item', origin, rightOrigin, parent, content, values }
}

/** An item's content: its length in Yjs' clock units, and its values where it is JSON or any. */
function readContent(d: decoding.Decoder, ref: number): { length: number; values: unknown[] | null } {
  switch (ref) {
    case CONTENT_DELETED:
      return { length: decoding.readVarUint(d), values: null }
    case CONTENT_JSON: {
      const len = decoding.readVarUint(d)
      const values: unknown[] = []
      for (let i = 0; i < len; i++) {
        const json = readString(d)
        values.push(json === 'undefined' ? undefined : parseJson(json))
      }
      return { length: len, values }
    }
    case 3: // binary
      skipBytes(d)
      return { length: 1, values: null }
    case CONTENT_STRING: // its length in UTF-16 units, as Yjs counts it
      return { length: readString(d).length, values: null }
    case 5: // embed: JSON
      parseJson(readString(d))
      return { length: 1, values: null }
    case 6: // format: key and JSON value
      readString(d)
      parseJson(readString(d))
      return { length: 1, values: null }
    case 7: {
      // a nested type
      const typeRef = decoding.readVarUint(d)
      if (typeRef >= TYPE_REFS) throw new Error(`unknown type ref ${typeRef}`)
      if (NAMED_TYPES.has(typeRef)) readString(d)
      return { length: 1, values: null }
    }
    case CONTENT_ANY: {
      const len = decoding.readVarUint(d)
      const values: unknown[] = []
      for (let i = 0; i < len; i++) values.push(readValue(d))
      return { length: len, values }
    }
    case 9: // subdocument: guid and options
      readString(d)
      readValue(d)
      return { length: 1, values: null }
    default:
      throw new Error(`unknown content ref ${ref}`)
  }
}

function readId(d: decoding.Decoder): Id {
  return { client: decoding.readVarUint(d), clock: decoding.readVarUint(d) }
}

/** lib0's decoder for strings: fatal on bad UTF-8, as Yjs reads them. */
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })

/** Short ASCII strings read lately, by a hash of their bytes (see readString). */
const INTERNED_SLOTS = 1024
const INTERNED_MAX = 32
const internedBytes = new Uint8Array(INTERNED_SLOTS * INTERNED_MAX)
/** Each slot's byte length plus one; 0: empty. */
const internedLengths = new Uint8Array(INTERNED_SLOTS)
const internedStrings: string[] = new Array<string>(INTERNED_SLOTS).fill('')

/**
 * A lib0 `writeVarString` string. Short ASCII strings (a record's keys and most of its values) are
 * built in JavaScript: a TextDecoder call per string cost more than the rest of the record. They
 * come back on every update (`typeName`, `props`, `parentId`, `black`…), so the last one read per
 * slot of a small table is kept and returned again when the same bytes come: half the time of
 * building it and none of its garbage. Bytes that do not match cost a rebuild, never a wrong string.
 */
function readString(d: decoding.Decoder): string {
  const len = decoding.readVarUint(d)
  const start = d.pos
  const end = start + len
  const arr = d.arr
  if (end > arr.length) throw new Error('length past the end of the update')
  d.pos = end
  if (len > INTERNED_MAX) return utf8.decode(arr.subarray(start, end))
  let hash = len
  for (let i = start; i < end; i++) {
    const b = arr[i]!
    if (b > 0x7f) return utf8.decode(arr.subarray(start, end))
    hash = (Math.imul(hash, 31) + b) | 0
  }
  const slot = hash & (INTERNED_SLOTS - 1)
  const at = slot * INTERNED_MAX
  if (internedLengths[slot] === len + 1) {
    let same = true
    for (let i = 0; i < len; i++) {
      if (internedBytes[at + i] !== arr[start + i]) {
        same = false
        break
      }
    }
    if (same) return internedStrings[slot]!
  }
  let s = ''
  for (let i = 0; i < len; i++) {
    const b = arr[start + i]!
    internedBytes[at + i] = b
    s += String.fromCharCode(b)
  }
  internedLengths[slot] = len + 1
  internedStrings[slot] = s
  return s
}

/**
 * The any values of the update read last, each with the bytes it was read from: Yjs reads the
 * same values again when the update is applied (a board record is most of an update, and
 * lib0 decodes each of its strings with a TextDecoder call), so applyReadUpdate() hands it these.
 * Where the room holds no pending structs (nearly always) they are the very objects the gate
 * checked; else the gate checked a merge with those, and its last read is of the update alone.
 * One update at most: the next read replaces it.
 */
let lastRead: { update: Uint8Array; spans: number[]; values: unknown[] } | null = null

/** One any value of an item's content (not nested in another), remembered in lastRead. */
function readValue(d: decoding.Decoder): unknown {
  const start = d.pos
  const value = readAny(d, 0)
  lastRead?.spans.push(start, d.pos)
  lastRead?.values.push(value)
  return value
}

/**
 * Yjs' v1 decoder, except that an any value read by readUpdate() from the same bytes is taken
 * from there: where the decoder stands must be exactly where that value started, else (or past
 * the values read) it decodes as Yjs does.
 */
class ReadValuesDecoder extends Y.UpdateDecoderV1 {
  private next = 0

  constructor(
    decoder: decoding.Decoder,
    private readonly read: { spans: number[]; values: unknown[] },
  ) {
    super(decoder)
  }

  override readAny(): unknown {
    const d = this.restDecoder
    const { spans, values } = this.read
    while (this.next < values.length && spans[2 * this.next]! < d.pos) this.next++
    if (this.next === values.length || spans[2 * this.next] !== d.pos) return super.readAny()
    d.pos = spans[2 * this.next + 1]!
    return values[this.next++]
  }
}

/**
 * `Y.applyUpdate(doc, update, origin)`, taking the any values readUpdate() read last when they
 * were read from these very bytes (the gate reads an update just before the room applies it).
 */
export function applyReadUpdate(doc: Y.Doc, update: Uint8Array, origin: unknown): void {
  const read = lastRead
  lastRead = null
  if (read?.update !== update) return Y.applyUpdate(doc, update, origin)
  const decoder = decoding.createDecoder(update)
  Y.readUpdateV2(decoder, doc, origin, new ReadValuesDecoder(decoder, read))
}

/** Drops what readUpdate() kept for applyReadUpdate() (an update that will not be applied). */
export function forgetRead(): void {
  lastRead = null
}

/**
 * `JSON.parse`, with readAny's bounds: JSON content nested 20,000 deep was stored, after which
 * every encode of the doc overflowed the stack (for every joiner, and after a restart); and a
 * `"__proto__"` key, an own property here, becomes the prototype wherever lib0 reads it back.
 */
function parseJson(text: string): unknown {
  const value: unknown = JSON.parse(text)
  checkJson(value, 0)
  return value
}

function checkJson(value: unknown, depth: number): void {
  if (value === null || typeof value !== 'object') return
  if (depth > MAX_ANY_DEPTH) throw new Error('value nested too deeply')
  if (Array.isArray(value)) {
    for (const item of value) checkJson(item, depth + 1)
    return
  }
  for (const key of Object.keys(value)) {
    if (key === '__proto__') throw new Error('a value with a "__proto__" key')
    checkJson((value as Record<string, unknown>)[key], depth + 1)
  }
}

/** lib0's `readAny`, with the strings above and a bound on nesting. */
function readAny(d: decoding.Decoder, depth: number): unknown {
  if (depth > MAX_ANY_DEPTH) throw new Error('value nested too deeply')
  const type = decoding.readUint8(d)
  switch (type) {
    case 127:
      return undefined
    case 126:
      return null
    case 125:
      return decoding.readVarInt(d)
    case 124:
      return decoding.readFloat32(d)
    case 123:
      return decoding.readFloat64(d)
    case 122:
      return decoding.readBigInt64(d)
    case 121:
      return false
    case 120:
      return true
    case 119:
      return readString(d)
    case 118: {
      const len = decoding.readVarUint(d)
      const obj: Record<string, unknown> = {}
      for (let i = 0; i < len; i++) {
        const key = readString(d)
        // lib0 assigns keys as they come: this one would set the object's prototype (a
        // Uint8Array's makes every later encode of the doc throw, for every reader).
        if (key === '__proto__') throw new Error('a value with a "__proto__" key')
        obj[key] = readAny(d, depth + 1)
      }
      return obj
    }
    case 117: {
      const len = decoding.readVarUint(d)
      const arr: unknown[] = []
      for (let i = 0; i < len; i++) arr.push(readAny(d, depth + 1))
      return arr
    }
    case 116:
      return decoding.readVarUint8Array(d)
    default:
      throw new Error(`unknown value type ${type}`)
  }
}
