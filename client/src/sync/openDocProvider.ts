import { type DocName, FATAL_CLOSE_CODES, SYNC_PATH } from '@mockboard/shared'
import { WebsocketProvider } from 'y-websocket'
import type * as Y from 'yjs'

import { type ProviderWatch, watchProvider } from './watchProvider'

/** ws(s)://<this origin>/sync, so the dev proxy and production serve the same URL. */
export function syncUrl(loc: Pick<Location, 'protocol' | 'host'> = location): string {
  return `${loc.protocol === 'https:' ? 'wss' : 'ws'}://${loc.host}${SYNC_PATH}`
}

export interface DocProviderOptions extends ProviderWatch {
  sessionId: string
  doc: DocName
  token: string
  ydoc: Y.Doc
  /** Registered before the state watch, so whatever it binds is ready when 'connected' is shown. */
  onSync?: (synced: boolean) => void
}

/** A session document's live link to the server; `destroy` ends the link, not the Y.Doc. */
export interface DocProvider {
  provider: WebsocketProvider
  destroy(): void
}

/**
 * The one way the browser opens a session document (board, control, private) over y-websocket.
 * - No BroadcastChannel: another tab of this browser must not feed us writes the server never
 *   accepted (a tab that is offline, refused or read-only); every update comes through the server.
 * - Retrying can't fix a refused change, a full board, a bad token, a forbidden doc or a missing
 *   session (FATAL_CLOSE_CODES): those stop the reconnect loop and reach `onFatal` once; everything
 *   else (slow reader, rate limit, server full, restart) reconnects within 5 s.
 */
export function openDocProvider(opts: DocProviderOptions): DocProvider {
  const provider = new WebsocketProvider(syncUrl(), `${opts.sessionId}/${opts.doc}`, opts.ydoc, {
    params: { token: opts.token },
    disableBc: true,
    shouldReconnect: (event) => !FATAL_CLOSE_CODES.has(event.code),
    maxBackoffTime: 5000,
  })
  const { onSync } = opts
  if (onSync) provider.on('sync', onSync)
  const unwatch = watchProvider(provider, opts)
  return {
    provider,
    destroy() {
      unwatch()
      if (onSync) provider.off('sync', onSync)
      provider.destroy()
    },
  }
}
