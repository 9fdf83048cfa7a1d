import { FATAL_CLOSE_CODES } from '@mockboard/shared'
import { atom, createTLStore, type Atom, type Signal, type TLStore, type TLUser } from 'tldraw'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { createAssetStore } from '../board/createAssetStore'
import { createBoardSchema } from '../shapes/schema'
import { bindPresence } from './bindPresence'
import { bindStoreToYDoc } from './bindStoreToYDoc'
import { closeMessage } from './closeMessage'
import type { BoardPhase, ConnectionState } from './connectionState'
import { SchemaMismatchError } from './SchemaMismatchError'

export interface BoardConnectionOptions {
  sessionId: string
  token: string
  /** ws(s)://host/sync */
  syncUrl: string
  readonly: boolean
  $user: Signal<TLUser | null>
}

/** One participant's live board: doc, provider, tldraw store and their status signals. */
export interface BoardConnection {
  store: TLStore
  ydoc: Y.Doc
  provider: WebsocketProvider
  $state: Atom<ConnectionState>
  $phase: Atom<BoardPhase>
  destroy(): void
}

export function createBoardConnection(opts: BoardConnectionOptions): BoardConnection {
  const ydoc = new Y.Doc()
  const $state = atom<ConnectionState>('connection state', 'connecting')
  const $phase = atom<BoardPhase>('board phase', { kind: 'loading' })
  const $online = atom<'online' | 'offline'>('collaboration status', 'offline')
  const $mode = atom<'readonly' | 'readwrite'>('collaboration mode', opts.readonly ? 'readonly' : 'readwrite')

  const store = createTLStore({
    schema: createBoardSchema(),
    users: { currentUser: opts.$user },
    collaboration: { status: $online, mode: $mode },
    // Observers cannot upload (the server answers 403); their board is read-only anyway.
    ...(opts.readonly ? {} : { assets: createAssetStore(opts.sessionId, opts.token) }),
  })

  const provider = new WebsocketProvider(opts.syncUrl, `${opts.sessionId}/board`, ydoc, {
    params: { token: opts.token },
    // Retrying can't fix a bad token, a forbidden doc or a missing session; everything else can.
    shouldReconnect: (event) => !FATAL_CLOSE_CODES.has(event.code),
    maxBackoffTime: 5000,
  })

  let everConnected = false
  const cleanups: Array<() => void> = []

  const updateState = () => {
    if ($state.get() === 'failed') return
    const online = typeof navigator === 'undefined' || navigator.onLine
    let next: ConnectionState
    if (provider.wsconnected && provider.synced) next = 'connected'
    else if (!online) next = 'offline'
    else next = everConnected ? 'reconnecting' : 'connecting'
    $state.set(next)
    $online.set(next === 'connected' ? 'online' : 'offline')
  }

  const onSync = (synced: boolean) => {
    if (synced) everConnected = true
    updateState()
    if (!synced || $phase.get().kind !== 'loading') return
    try {
      cleanups.push(
        bindStoreToYDoc(store, ydoc, {
          readonly: opts.readonly,
          onError: (e) => $phase.set({ kind: 'error', title: 'Incompatible board', message: e.message }),
        }),
      )
      cleanups.push(bindPresence(store, provider.awareness, opts.$user))
      $phase.set({ kind: 'ready' })
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e)
      $phase.set({
        kind: 'error',
        title: e instanceof SchemaMismatchError ? 'Incompatible board' : 'Could not open the board',
        message,
      })
    }
  }
  const onClosed = ({ code }: { code: number }) => {
    $state.set('failed')
    $online.set('offline')
    provider.shouldConnect = false
    if ($phase.get().kind !== 'error') $phase.set({ kind: 'error', ...closeMessage(code) })
  }

  provider.on('sync', onSync)
  provider.on('status', updateState)
  provider.on('closed', onClosed)
  if (typeof window !== 'undefined') {
    window.addEventListener('online', updateState)
    window.addEventListener('offline', updateState)
    cleanups.push(() => {
      window.removeEventListener('online', updateState)
      window.removeEventListener('offline', updateState)
    })
  }

  let destroyed = false
  return {
    store,
    ydoc,
    provider,
    $state,
    $phase,
    destroy() {
      if (destroyed) return
      destroyed = true
      for (const cleanup of cleanups.reverse()) cleanup()
      provider.off('sync', onSync)
      provider.off('status', updateState)
      provider.off('closed', onClosed)
      provider.destroy()
      ydoc.destroy()
    },
  }
}
