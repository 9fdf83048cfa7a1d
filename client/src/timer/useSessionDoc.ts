import type { DocName } from '@mockboard/shared'
import { useEffect, useState } from 'react'
import type { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'

import type { ConnectionState } from '../sync/connectionState'
import { openDocProvider } from '../sync/openDocProvider'

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
    let current: SessionDoc | null = null
    // The watch reports the first state while the provider is being opened, before `current` exists.
    const early: Partial<SessionDoc> = {}
    const publish = (patch: Partial<SessionDoc>) => {
      if (!current) return void Object.assign(early, patch)
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
    const link = openDocProvider({
      sessionId,
      doc: docName,
      token,
      ydoc: doc,
      onSync: (synced) => {
        if (synced) publish({ synced: true })
      },
      onState: (s) => publish({ state: s }),
      onFatal: (code) => publish({ fatalCode: code }),
    })
    current = { doc, provider: link.provider, synced: false, state: 'connecting', fatalCode: null, ...early }
    setState(current)
    return () => {
      link.destroy()
      doc.destroy()
    }
  }, [sessionId, docName, token, enabled])

  return state
}
