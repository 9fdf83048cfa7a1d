import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider'
import { WebSocket } from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'

import type { ClientKind } from './workerProtocol.js'

/** One simulated user: a Y.Doc kept in sync by the stock provider of the server under test. */
export interface LoadClient {
  doc: Y.Doc
  /** Resolves on the first complete sync with the server. */
  synced: Promise<void>
  /** Called on every socket close after connecting. */
  onClose(listener: () => void): void
  destroy(): void
}

export function connectLoadClient(kind: ClientKind, url: string, room: string, token: string): LoadClient {
  const doc = new Y.Doc()
  if (kind === 'hocuspocus') {
    // One socket per client, as each user's browser would have (hocuspocus can multiplex docs on one).
    const socket = new HocuspocusProviderWebsocket({ url, WebSocketPolyfill: WebSocket })
    const provider = new HocuspocusProvider({
      websocketProvider: socket,
      name: room,
      document: doc,
      token: token || 'bench',
    })
    provider.attach()
    return {
      doc,
      synced: new Promise((resolve) => provider.on('synced', () => resolve())),
      onClose: (listener) => provider.on('close', listener),
      destroy: () => {
        provider.destroy()
        socket.destroy()
        doc.destroy()
      },
    }
  }
  const provider = new WebsocketProvider(url, room, doc, {
    params: token ? { token } : {},
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    // Both clients of a session live in one process: BroadcastChannel would sync them behind the server's back.
    disableBc: true,
    resyncInterval: -1,
  })
  return {
    doc,
    synced: new Promise((resolve) => {
      const onSync = (isSynced: boolean) => {
        if (!isSynced) return
        provider.off('sync', onSync)
        resolve()
      }
      provider.on('sync', onSync)
    }),
    onClose: (listener) => provider.on('connection-close', listener),
    destroy: () => {
      provider.destroy()
      doc.destroy()
    },
  }
}
