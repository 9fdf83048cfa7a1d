import { type DocName, MessageType, openBoardRecords } from '@mockboard/shared'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { WebSocket } from 'ws'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as Y from 'yjs'

/** A bare `ws` socket speaking the y-websocket protocol by hand, as an attacker's script would. */
export interface RawSync {
  ws: WebSocket
  /** Every binary frame received so far. */
  frames: Buffer[]
  /** Bytes received so far. */
  received(): number
  /** Resolves with the close code once the socket closed. */
  closed: Promise<number>
  send(frame: Uint8Array): void
}

export async function openRaw(
  syncUrl: string,
  sessionId: string,
  doc: DocName,
  token: string,
): Promise<RawSync> {
  const ws = new WebSocket(`${syncUrl}/${sessionId}/${doc}?token=${token}`)
  const frames: Buffer[] = []
  ws.on('message', (data: Buffer) => frames.push(data))
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)))
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve())
    ws.once('error', reject)
  })
  return {
    ws,
    frames,
    received: () => frames.reduce((sum, f) => sum + f.byteLength, 0),
    closed,
    send: (frame) => ws.send(frame),
  }
}

function frame(write: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder()
  write(e)
  return encoding.toUint8Array(e)
}

/** Sync step 1 with the given state vector (default: an empty doc). */
export const syncStep1 = (stateVector: Uint8Array = new Uint8Array([0])) =>
  frame((e) => {
    encoding.writeVarUint(e, MessageType.sync)
    encoding.writeVarUint(e, 0)
    encoding.writeVarUint8Array(e, stateVector)
  })

export const syncStep2 = (update: Uint8Array) =>
  frame((e) => {
    encoding.writeVarUint(e, MessageType.sync)
    encoding.writeVarUint(e, 1)
    encoding.writeVarUint8Array(e, update)
  })

export const syncUpdate = (update: Uint8Array) =>
  frame((e) => {
    encoding.writeVarUint(e, MessageType.sync)
    encoding.writeVarUint(e, 2)
    encoding.writeVarUint8Array(e, update)
  })

export const queryAwareness = () => new Uint8Array([MessageType.queryAwareness])

/** An awareness frame setting `clientId`'s state (null removes it). */
export function awarenessFrame(clientId: number, clock: number, state: unknown): Uint8Array {
  const update = frame((e) => {
    encoding.writeVarUint(e, 1)
    encoding.writeVarUint(e, clientId)
    encoding.writeVarUint(e, clock)
    encoding.writeVarString(e, JSON.stringify(state))
  })
  return frame((e) => {
    encoding.writeVarUint(e, MessageType.awareness)
    encoding.writeVarUint8Array(e, update)
  })
}

/** The awareness states a set of received frames carry, last one per client id winning. */
export function awarenessStates(frames: Buffer[]): Map<number, Record<string, unknown> | null> {
  const doc = new Y.Doc()
  const awareness = new awarenessProtocol.Awareness(doc)
  for (const f of frames) {
    if (f[0] !== MessageType.awareness) continue
    const decoder = decoding.createDecoder(new Uint8Array(f.buffer, f.byteOffset, f.byteLength))
    decoding.readVarUint(decoder)
    awarenessProtocol.applyAwarenessUpdate(awareness, decoding.readVarUint8Array(decoder), 'server')
  }
  const states = new Map(awareness.getStates() as Map<number, Record<string, unknown>>)
  awareness.destroy()
  return states
}

/** A board-doc update writing one tldraw record through the YKeyValue layout, from a fresh client. */
export function recordUpdate(
  record: { id: string } & Record<string, unknown>,
  clientID?: number,
): Uint8Array {
  const doc = new Y.Doc()
  if (clientID !== undefined) doc.clientID = clientID
  openBoardRecords(doc).set(record.id, record)
  return Y.encodeStateAsUpdate(doc)
}
