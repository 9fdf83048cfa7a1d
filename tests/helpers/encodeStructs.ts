/** Yjs v1 updates written struct by struct, for tests that send what no Yjs client writes. */
import * as encoding from 'lib0/encoding'

export type Id = [client: number, clock: number]

export interface StructSpec {
  kind: 'type' | 'any' | 'str' | 'deleted' | 'json'
  origin?: Id
  right?: Id
  /** A root's name or an item's id; only where neither origin is given. */
  parent?: string | Id
  len?: number
  str?: string
  /** An 'any' struct's values (lib0's writeAny each); nulls, `len` of them, when not given. */
  values?: unknown[]
  /** A 'json' struct's texts, written as they are (legacy JSON content: Yjs still reads it). */
  json?: string[]
}

/** `clients`: [client, first clock, structs], as given (a client may come twice); `deletes`: [client, clock, length]. */
export function encodeStructs(
  clients: Array<[number, number, StructSpec[]]>,
  deletes: Array<[number, number, number]> = [],
): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, clients.length)
  for (const [client, clock, structs] of clients) {
    encoding.writeVarUint(e, structs.length)
    encoding.writeVarUint(e, client)
    encoding.writeVarUint(e, clock)
    for (const s of structs) {
      const ref = { type: 7, any: 8, str: 4, deleted: 1, json: 2 }[s.kind]
      encoding.writeUint8(e, ref | (s.origin ? 0x80 : 0) | (s.right ? 0x40 : 0))
      for (const id of [s.origin, s.right]) if (id) id.forEach((n) => encoding.writeVarUint(e, n))
      if (!s.origin && !s.right) {
        if (typeof s.parent === 'string') {
          encoding.writeVarUint(e, 1)
          encoding.writeVarString(e, s.parent)
        } else {
          encoding.writeVarUint(e, 0)
          s.parent!.forEach((n) => encoding.writeVarUint(e, n))
        }
      }
      if (s.kind === 'type')
        encoding.writeVarUint(e, 0) // a Y.Array
      else if (s.kind === 'any') {
        const values = s.values ?? new Array<null>(s.len ?? 1).fill(null)
        encoding.writeVarUint(e, values.length)
        for (const value of values) encoding.writeAny(e, value as never)
      } else if (s.kind === 'json') {
        encoding.writeVarUint(e, s.json!.length)
        for (const text of s.json!) encoding.writeVarString(e, text)
      } else if (s.kind === 'str') encoding.writeVarString(e, s.str ?? 'x')
      else encoding.writeVarUint(e, s.len ?? 1)
    }
  }
  const byClient = new Map<number, Array<[number, number]>>()
  for (const [c, k, l] of deletes) byClient.set(c, [...(byClient.get(c) ?? []), [k, l]])
  encoding.writeVarUint(e, byClient.size)
  for (const [c, ranges] of byClient) {
    encoding.writeVarUint(e, c)
    encoding.writeVarUint(e, ranges.length)
    for (const [k, l] of ranges) {
      encoding.writeVarUint(e, k)
      encoding.writeVarUint(e, l)
    }
  }
  return encoding.toUint8Array(e)
}

/** `n` arrays of client `c` from clock `k`, each in the one before; the first placed by `first`. */
export function nestedChain(n: number, c: number, k: number, first: Partial<StructSpec>): StructSpec[] {
  return Array.from({ length: n }, (_, i) =>
    i === 0 ? { kind: 'type', ...first } : { kind: 'type', parent: [c, k + i - 1] as Id },
  )
}
