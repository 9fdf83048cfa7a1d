import { MessageType } from '@mockboard/shared'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as Y from 'yjs'

import { encodeIntegrated } from './encodeIntegrated.js'

/** sync sub-message types of y-protocols/sync. */
export const SyncStep = { step1: 0, step2: 1, update: 2 } as const

/** A decoded client frame. Anything that does not decode throws. */
export type ClientMessage =
  | { type: 'syncStep1'; stateVector: Uint8Array }
  | { type: 'syncStep2' | 'update'; update: Uint8Array }
  | { type: 'awareness'; update: Uint8Array }
  | { type: 'queryAwareness' }
  | { type: 'auth' }
  | { type: 'signal'; text: string }

export class MalformedMessage extends Error {}

export function decodeMessage(data: Uint8Array): ClientMessage {
  try {
    const decoder = decoding.createDecoder(data)
    const type = decoding.readVarUint(decoder)
    switch (type) {
      case MessageType.sync: {
        const step = decoding.readVarUint(decoder)
        const payload = decoding.readVarUint8Array(decoder)
        if (step === SyncStep.step1) return { type: 'syncStep1', stateVector: payload }
        if (step === SyncStep.step2) return { type: 'syncStep2', update: payload }
        if (step === SyncStep.update) return { type: 'update', update: payload }
        throw new MalformedMessage(`unknown sync step ${step}`)
      }
      case MessageType.awareness:
        return { type: 'awareness', update: decoding.readVarUint8Array(decoder) }
      case MessageType.queryAwareness:
        return { type: 'queryAwareness' }
      case MessageType.auth:
        return { type: 'auth' }
      case MessageType.signal:
        return { type: 'signal', text: decoding.readVarString(decoder) }
      default:
        throw new MalformedMessage(`unknown message type ${type}`)
    }
  } catch (err) {
    if (err instanceof MalformedMessage) throw err
    // lib0 throws plain Errors / RangeErrors on truncated varints and lengths past the end.
    throw new MalformedMessage(err instanceof Error ? err.message : 'undecodable frame')
  }
}

export function encodeSyncStep1(doc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.sync)
  encoding.writeVarUint(encoder, SyncStep.step1)
  encoding.writeVarUint8Array(encoder, Y.encodeStateVector(doc))
  return encoding.toUint8Array(encoder)
}

/** Sync step 2 from the live doc: what the peer lacks, never what Yjs holds as pending. */
export function encodeSyncStep2(doc: Y.Doc, stateVector?: Uint8Array): Uint8Array {
  return encodeSyncStep2Raw(encodeIntegrated(doc, stateVector))
}

/** Sync step 2 carrying an update that is already encoded (e.g. a stored snapshot). */
export function encodeSyncStep2Raw(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.sync)
  encoding.writeVarUint(encoder, SyncStep.step2)
  encoding.writeVarUint8Array(encoder, update)
  return encoding.toUint8Array(encoder)
}

/** A state vector naming no client: the sender's doc is empty. */
export function isEmptyStateVector(stateVector: Uint8Array): boolean {
  return stateVector.length === 1 && stateVector[0] === 0
}

/** An update that changes nothing. */
export const EMPTY_UPDATE = Y.encodeStateAsUpdate(new Y.Doc())

/**
 * `[sync, update, bytes]` as lib0 writes it (the length a varUint), in one allocation: an encoder
 * makes three arrays for it, and this runs for every update relayed.
 */
export function encodeUpdate(update: Uint8Array): Uint8Array {
  const length = update.byteLength
  let lengthBytes = 1
  for (let n = length; n > 0x7f; n = Math.floor(n / 128)) lengthBytes++
  const message = new Uint8Array(2 + lengthBytes + length)
  message[0] = MessageType.sync
  message[1] = SyncStep.update
  let o = 2
  let n = length
  for (; n > 0x7f; n = Math.floor(n / 128)) message[o++] = 0x80 | (n & 0x7f)
  message[o++] = n
  message.set(update, o)
  return message
}

export function encodeAwareness(awareness: awarenessProtocol.Awareness, clients: number[]): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, MessageType.awareness)
  encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, clients))
  return encoding.toUint8Array(encoder)
}
