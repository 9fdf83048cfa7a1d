import type { DocName } from '@mockboard/shared'
import { WebSocket } from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'

export interface YClient {
  doc: Y.Doc
  provider: WebsocketProvider
  /** Resolves on the first complete sync with the server. */
  synced: Promise<void>
  /** Resolves with the close code of the next socket close. */
  nextClose(): Promise<number>
  destroy(): void
}

/** A stock y-websocket client, as a user's browser would run it (minus BroadcastChannel). */
export function connectClient(
  syncUrl: string,
  sessionId: string,
  doc: DocName,
  token: string,
  options: { connect?: boolean; resyncInterval?: number } = {},
): YClient {
  const ydoc = new Y.Doc()
  const provider = new WebsocketProvider(syncUrl, `${sessionId}/${doc}`, ydoc, {
    params: { token },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    connect: options.connect ?? true,
    resyncInterval: options.resyncInterval ?? -1,
    maxBackoffTime: 200,
  })
  const synced = new Promise<void>((resolve) => {
    if (provider.synced) return resolve()
    const onSync = (isSynced: boolean) => {
      if (!isSynced) return
      provider.off('sync', onSync)
      resolve()
    }
    provider.on('sync', onSync)
  })
  return {
    doc: ydoc,
    provider,
    synced,
    nextClose: () =>
      new Promise<number>((resolve) => {
        const onClose = (event: { code: number } | null) => {
          provider.off('connection-close', onClose)
          resolve(event?.code ?? -1)
        }
        provider.on('connection-close', onClose)
      }),
    destroy: () => {
      provider.destroy()
      ydoc.destroy()
    },
  }
}
