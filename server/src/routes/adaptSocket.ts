import type { Duplex } from 'node:stream'

import type { WebSocket } from 'ws'

import type { Socket } from '../sync/Socket.js'
import type { InboundBudget } from './InboundBudget.js'

/** Bytes a client may still send once the server closed its socket: its own close frame takes a few. */
const AFTER_CLOSE_BYTES = 64 * 1024

/**
 * The sync core's view of a ws socket. It starts paused: ws buffers a frame whole before anyone sees
 * it, so nothing is read until admission has checked the token and calls `resume`. Bytes of frames
 * still arriving are charged to the server's inbound budget; past it the socket holding a big partial
 * frame is closed with `onOverBudget`'s code and dropped. Once the server closes a socket it reads on
 * only for the client's close frame.
 */
export function adaptSocket(
  ws: WebSocket,
  raw: Duplex,
  budget: InboundBudget,
  onOverBudget: (socket: Socket) => void,
): Socket {
  ws.pause()
  let closing = false
  let afterClose = 0
  // Bytes received since the last whole message: roughly what ws holds for this socket.
  let held = 0
  const socket: Socket = {
    send: (data) => ws.send(data),
    close: (code, reason) => {
      ws.close(code, reason)
      if (closing) return
      closing = true
      // A partial frame would stay pinned until ws's 30 s close timeout: drop it now.
      if (held > AFTER_CLOSE_BYTES) ws.terminate()
      else ws.resume()
    },
    ping: () => ws.ping(),
    terminate: () => ws.terminate(),
    resume: () => {
      if (!closing) ws.resume()
    },
    get bufferedAmount() {
      return ws.bufferedAmount
    },
    get isOpen() {
      return ws.readyState === ws.OPEN
    },
  }
  raw.on('data', (chunk: Buffer) => {
    held += chunk.byteLength
    const fits = budget.add(chunk.byteLength, held)
    if (closing) {
      afterClose += chunk.byteLength
      if (afterClose > AFTER_CLOSE_BYTES) ws.terminate()
    } else if (!fits) onOverBudget(socket)
  })
  ws.on('message', () => {
    budget.release(held)
    held = 0
  })
  ws.on('close', () => {
    budget.release(held)
    held = 0
  })
  return socket
}
