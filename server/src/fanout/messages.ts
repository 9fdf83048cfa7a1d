import { type Role, ROLES } from '@mockboard/shared'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'

/** What instances tell each other about one document. */
export type FanoutMessage =
  /**
   * `role`: whose update it is, and `writers`: the client ids its new structs are under, which the
   * sender's gate checked and claimed for that role (none for the server's own changes). Last in
   * the bytes: an instance of an older build ignores them.
   */
  | { type: 'update'; origin: string; seq: number; update: Uint8Array; role?: Role; writers?: number[] }
  | { type: 'awareness'; origin: string; update: Uint8Array }
  /** An audio signal frame for the member `to` ('' = every member) of the session's control room. */
  | { type: 'signal'; origin: string; to: string; frame: Uint8Array }

const UPDATE = 0
const AWARENESS = 1
const SIGNAL = 2

export function encodeFanout(message: FanoutMessage): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(
    e,
    message.type === 'update' ? UPDATE : message.type === 'awareness' ? AWARENESS : SIGNAL,
  )
  encoding.writeVarString(e, message.origin)
  if (message.type === 'signal') {
    encoding.writeVarString(e, message.to)
    encoding.writeVarUint8Array(e, message.frame)
    return encoding.toUint8Array(e)
  }
  if (message.type === 'update') encoding.writeVarUint(e, message.seq)
  encoding.writeVarUint8Array(e, message.update)
  if (message.type === 'update' && message.role) {
    encoding.writeVarString(e, message.role)
    const writers = message.writers ?? []
    encoding.writeVarUint(e, writers.length)
    for (const client of writers) encoding.writeVarUint(e, client)
  }
  return encoding.toUint8Array(e)
}

/** Throws on anything that is not a fanout message. */
export function decodeFanout(data: Uint8Array): FanoutMessage {
  const d = decoding.createDecoder(data)
  const type = decoding.readVarUint(d)
  const origin = decoding.readVarString(d)
  if (type === UPDATE) {
    const seq = decoding.readVarUint(d)
    const update = decoding.readVarUint8Array(d)
    const role = decoding.hasContent(d) ? decoding.readVarString(d) : ''
    if (!(ROLES as readonly string[]).includes(role)) return { type: 'update', origin, seq, update }
    const writers: number[] = []
    for (let n = decoding.hasContent(d) ? decoding.readVarUint(d) : 0; n > 0; n--)
      writers.push(decoding.readVarUint(d))
    return { type: 'update', origin, seq, update, role: role as Role, writers }
  }
  if (type === AWARENESS) return { type: 'awareness', origin, update: decoding.readVarUint8Array(d) }
  if (type === SIGNAL) {
    const to = decoding.readVarString(d)
    return { type: 'signal', origin, to, frame: decoding.readVarUint8Array(d) }
  }
  throw new Error(`unknown fanout message type ${type}`)
}
