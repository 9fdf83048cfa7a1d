import { useEffect, useState } from 'react'
import * as Y from 'yjs'
import { WebsocketProvider } from 'y-websocket'
import { FATAL_CLOSE_CODES, SYNC_PATH, type DocName } from '@mockboard/shared'

export interface SessionDoc {
  doc: Y.Doc
  provider: WebsocketProvider
  /** True once the server's state has arrived: never write before, or writes base on nothing. */
  synced: boolean
  /** Set when the server closed with a code retrying cannot fix (bad token, forbidden, gone). */
  fatalCode: number | null
}

export function syncUrl(): string {
  return `${location.origin.replace(/^http/, 'ws')}${SYNC_PATH}`
}

/**
 * Opens one of the session's Yjs documents over y-websocket for as long as the component lives.
 * Pass `enabled: false` to never open it at all (the private doc for non-interviewers).
 */
export function useSessionDoc(sessionId: string, docName: DocName, token: string, enabled = true): SessionDoc | null {
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
      // Only bad token / forbidden / gone are final; a rate-limit close (4429) is worth a retry.
      shouldReconnect: (event) => !FATAL_CLOSE_CODES.has(event.code),
    })
    let current: SessionDoc = { doc, provider, synced: false, fatalCode: null }
    const publish = (patch: Partial<SessionDoc>) => {
      current = { ...current, ...patch }
      setState(current)
    }
    publish({})
    const onSync = (synced: boolean) => publish({ synced })
    const onClosed = (event: { code: number }) => {
      if (FATAL_CLOSE_CODES.has(event.code)) publish({ fatalCode: event.code })
    }
    provider.on('sync', onSync)
    provider.on('closed', onClosed)
    return () => {
      provider.off('sync', onSync)
      provider.off('closed', onClosed)
      provider.destroy()
      doc.destroy()
    }
  }, [sessionId, docName, token, enabled])

  return state
}
