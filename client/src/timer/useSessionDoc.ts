import { type DocName, FATAL_CLOSE_CODES, SYNC_PATH } from '@mockboard/shared'
import { useEffect, useState } from 'react'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'

import type { ConnectionState } from '../sync/connectionState'
import { watchProvider } from '../sync/watchProvider'

export interface SessionDoc {
  doc: Y.Doc
  provider: WebsocketProvider
  /** True once the server's state has arrived: never write before, or writes base on nothing. */
  synced: boolean
  /** The honest link state: anything but 'connected' means what this doc shows may be stale. */
  state: ConnectionState
  /** Set when the server closed with a code retrying cannot fix (see FATAL_CLOSE_CODES). */
  fatalCode: number | null
}

export function syncUrl(): string {
  return `${location.origin.replace(/^http/, 'ws')}${SYNC_PATH}`
}

/**
 * Opens one of the session's Yjs documents over y-websocket for as long as the component lives.
 * Pass `enabled: false` to never open it at all (the private doc for non-interviewers).
 */
export function useSessionDoc(
  sessionId: string,
  docName: DocName,
  token: string,
  enabled = true,
): SessionDoc | null {
  const [state, setState] = useState<SessionDoc | null>(null)

  useEffect(() => {
    if (!enabled) {
      setState(null)
      return
    }
    const doc = new Y.Doc()
    // No BroadcastChannel: another tab's writes the server would drop must not leak in locally.
    const provider = new WebsocketProvider(syncUrl(), `${sessionId}/${docName}`, doc, {
      params: { token },
      disableBc: true,
      shouldReconnect: (event) => !FATAL_CLOSE_CODES.has(event.code),
      maxBackoffTime: 5000,
    })
    let current: SessionDoc = { doc, provider, synced: false, state: 'connecting', fatalCode: null }
    setState(current)
    const publish = (patch: Partial<SessionDoc>) => {
      const next = { ...current, ...patch }
      if (
        next.synced === current.synced &&
        next.state === current.state &&
        next.fatalCode === current.fatalCode
      )
        return
      current = next
      setState(current)
    }
    // `synced` stays true across reconnects: offline writes are kept and merged, like the board's.
    const onSync = (synced: boolean) => {
      if (synced) publish({ synced: true })
    }
    provider.on('sync', onSync)
    const unwatch = watchProvider(provider, {
      onState: (s) => publish({ state: s }),
      onFatal: (code) => publish({ fatalCode: code }),
    })
    return () => {
      unwatch()
      provider.off('sync', onSync)
      provider.destroy()
      doc.destroy()
    }
  }, [sessionId, docName, token, enabled])

  return state
}
