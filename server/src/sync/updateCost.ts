import * as decoding from 'lib0/decoding'

/**
 * How much work applying a Yjs (v1) update would be, counted without building it: one unit per
 * struct, per deleted range and per JSON value an item carries, and per empty list of either.
 * Stops reading once the count passes `cap` and returns what it has, so a refusal costs at most
 * `cap` units of reading, whatever the update's size.
 *
 * Why it exists: `Y.decodeUpdate` allocates every struct before anyone can count them; a 13 MB
 * update of 1.2M one-character inserts stalled the event loop 6.5 s, and 20k records 1.2 s even
 * when refused afterwards. This walks the layout Yjs' own reader walks (`lazyStructReaderGenerator`,
 * `readItemContent`, `readDeleteSet` in yjs 13), skipping content. Anything it cannot read throws,
 * as Yjs would; tests/unit/update-cost.test.ts checks it against Y.decodeUpdate on every content type.
 */
export function updateCost(update: Uint8Array, cap: number): number {
  const d = decoding.createDecoder(update)
  let units = 0
  const clients = decoding.readVarUint(d)
  for (let c = 0; c < clients; c++) {
    const structs = decoding.readVarUint(d)
    // The header says how many structs follow: a huge count is refused before reading them. A
    // list of none says nothing yet costs reading it (Yjs never writes one): one unit, so a
    // message of hundreds of thousands of them is refused like as many structs.
    if (structs === 0) units++
    if (units + structs > cap) return units + structs
    decoding.readVarUint(d) // client
    decoding.readVarUint(d) // first clock
    for (let s = 0; s < structs; s++) {
      units += 1 + skipStruct(d)
      if (units > cap) return units
    }
  }
  const deleters = decoding.readVarUint(d)
  for (let c = 0; c < deleters; c++) {
    decoding.readVarUint(d) // client
    const ranges = decoding.readVarUint(d)
    if (ranges === 0) units++
    if (units + ranges > cap) return units + ranges
    units += ranges
    for (let r = 0; r < ranges; r++) {
      decoding.readVarUint(d) // clock
      decoding.readVarUint(d) // length
    }
  }
  return units
}

/** The v1 layout of a struct's info byte (yjs 13), shared with inspectUpdate's reader. */
export const BITS5 = 0b11111
export const HAS_ORIGIN = 0b1000_0000
export const HAS_RIGHT_ORIGIN = 0b0100_0000
export const HAS_PARENT_SUB = 0b0010_0000
export const SKIP = 10
/** Type refs of YXmlElement and YXmlHook: the only types that carry a name. */
export const NAMED_TYPES = new Set([3, 5])
/** Deeper JSON than this in one value is refused (tldraw records nest a few levels). */
export const MAX_ANY_DEPTH = 64

/** Skips one struct; returns the JSON values it carries (their validation is the costly part). */
function skipStruct(d: decoding.Decoder): number {
  const info = decoding.readUint8(d)
  if (info === SKIP || (info & BITS5) === 0) {
    decoding.readVarUint(d) // length of a Skip or GC
    return 0
  }
  if (info & HAS_ORIGIN) skipId(d)
  if (info & HAS_RIGHT_ORIGIN) skipId(d)
  if ((info & (HAS_ORIGIN | HAS_RIGHT_ORIGIN)) === 0) {
    if (decoding.readVarUint(d) === 1)
      skipBytes(d) // parent: a root type's name
    else skipId(d) // parent: the item of a nested type
    if (info & HAS_PARENT_SUB) skipBytes(d)
  }
  return skipContent(d, info & BITS5)
}

function skipContent(d: decoding.Decoder, ref: number): number {
  switch (ref) {
    case 1: // deleted
      decoding.readVarUint(d)
      return 0
    case 2: {
      // JSON: strings
      const len = decoding.readVarUint(d)
      for (let i = 0; i < len; i++) skipBytes(d)
      return len
    }
    case 3: // binary
    case 4: // string
    case 5: // embed (a JSON string)
      skipBytes(d)
      return 0
    case 6: // format: key and JSON value
      skipBytes(d)
      skipBytes(d)
      return 0
    case 7: // a nested type
      if (NAMED_TYPES.has(decoding.readVarUint(d))) skipBytes(d)
      return 0
    case 8: {
      // lib0 "any" values
      const len = decoding.readVarUint(d)
      for (let i = 0; i < len; i++) skipAny(d, 0)
      return len
    }
    case 9: // subdocument: guid and options
      skipBytes(d)
      skipAny(d, 0)
      return 0
    default:
      throw new Error(`unknown content ref ${ref}`)
  }
}

function skipId(d: decoding.Decoder): void {
  decoding.readVarUint(d)
  decoding.readVarUint(d)
}

/** A varUint length and that many bytes (strings are written so in v1). */
export function skipBytes(d: decoding.Decoder): void {
  advance(d, decoding.readVarUint(d))
}

function advance(d: decoding.Decoder, bytes: number): void {
  if (d.pos + bytes > d.arr.length) throw new Error('length past the end of the update')
  d.pos += bytes
}

/** Skips one lib0 `writeAny` value (see lib0/decoding readAnyLookupTable). */
function skipAny(d: decoding.Decoder, depth: number): void {
  if (depth > MAX_ANY_DEPTH) throw new Error('value nested too deeply')
  const type = decoding.readUint8(d)
  switch (type) {
    case 127: // undefined
    case 126: // null
    case 121: // false
    case 120: // true
      return
    case 125:
      decoding.readVarInt(d)
      return
    case 124:
      advance(d, 4)
      return
    case 123:
    case 122: // float64, bigint64
      advance(d, 8)
      return
    case 119: // string
    case 116: // Uint8Array
      skipBytes(d)
      return
    case 118: {
      // object: key, value pairs
      const len = decoding.readVarUint(d)
      for (let i = 0; i < len; i++) {
        skipBytes(d)
        skipAny(d, depth + 1)
      }
      return
    }
    case 117: {
      const len = decoding.readVarUint(d)
      for (let i = 0; i < len; i++) skipAny(d, depth + 1)
      return
    }
    default:
      throw new Error(`unknown value type ${type}`)
  }
}
