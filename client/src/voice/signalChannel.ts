import { type ClientSignal, MessageType, type ServerSignal } from '@mockboard/shared'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import type { WebsocketProvider } from 'y-websocket'

/** Audio signalling over the control document's socket (the server relays, see server/src/sync/Signalling.ts). */
export interface SignalChannel {
  send(signal: ClientSignal): void
  /** Called on every signal the server relays. */
  onSignal(handler: (signal: ServerSignal) => void): void
  /** Called each time the socket (re)connects: a join must be said again on a new socket. */
  onConnected(handler: () => void): void
  /** Called when the socket closed with a code (4422: the server refused a signal). */
  onClosed(handler: (code: number) => void): void
  readonly connected: boolean
  destroy(): void
}

export function openSignalChannel(provider: WebsocketProvider): SignalChannel {
  let signalHandler: (signal: ServerSignal) => void = () => {}
  let connectedHandler: () => void = () => {}
  let closedHandler: (code: number) => void = () => {}
  provider.messageHandlers[MessageType.signal] = (_encoder, decoder) => {
    let signal: ServerSignal
    try {
      signal = JSON.parse(decoding.readVarString(decoder)) as ServerSignal
    } catch {
      return
    }
    signalHandler(signal)
  }
  const onStatus = ({ status }: { status: string }) => {
    if (status === 'connected') connectedHandler()
  }
  const onClose = (event: CloseEvent | null) => {
    if (event) closedHandler(event.code)
  }
  provider.on('status', onStatus)
  provider.on('connection-close', onClose)
  return {
    send(signal) {
      const ws = provider.ws
      if (!provider.wsconnected || !ws || ws.readyState !== WebSocket.OPEN) return
      const encoder = encoding.createEncoder()
      encoding.writeVarUint(encoder, MessageType.signal)
      encoding.writeVarString(encoder, JSON.stringify(signal))
      ws.send(encoding.toUint8Array(encoder))
    },
    onSignal: (handler) => void (signalHandler = handler),
    onConnected: (handler) => void (connectedHandler = handler),
    onClosed: (handler) => void (closedHandler = handler),
    get connected() {
      return provider.wsconnected
    },
    destroy() {
      provider.off('status', onStatus)
      provider.off('connection-close', onClose)
      // A frame still in flight after this is read and dropped.
      provider.messageHandlers[MessageType.signal] = () => {}
    },
  }
}
