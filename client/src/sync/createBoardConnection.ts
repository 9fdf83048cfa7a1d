import { type Atom, atom, createTLStore, type Signal, type TLStore, type TLUser } from 'tldraw'
import type { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'

import { createAssetStore } from '../board/createAssetStore'
import { createUploadRefusals, type UploadRefusals } from '../board/uploadRefusals'
import { createBoardSchema } from '../shapes/schema'
import { bindPresence } from './bindPresence'
import { bindStoreToYDoc } from './bindStoreToYDoc'
import { closeMessage } from './closeMessage'
import type { BoardPhase, ConnectionState, FatalClose } from './connectionState'
import { nudgeApartAfterReconnect } from './nudgeApartAfterReconnect'
import { openDocProvider } from './openDocProvider'
import { SchemaMismatchError } from './SchemaMismatchError'

export interface BoardConnectionOptions {
  sessionId: string
  token: string
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
  /** Set once the server refused this board for good (the provider no longer reconnects). */
  $fatal: Atom<FatalClose | null>
  /** Why the server refused an image upload, for the toast tldraw shows. */
  uploadRefusals: UploadRefusals
  destroy(): void
}

export function createBoardConnection(opts: BoardConnectionOptions): BoardConnection {
  const ydoc = new Y.Doc()
  const $state = atom<ConnectionState>('connection state', 'connecting')
  const $phase = atom<BoardPhase>('board phase', { kind: 'loading' })
  const $fatal = atom<FatalClose | null>('fatal close', null)
  const $online = atom<'online' | 'offline'>('collaboration status', 'offline')
  const $mode = atom<'readonly' | 'readwrite'>('collaboration mode', opts.readonly ? 'readonly' : 'readwrite')

  const uploadRefusals = createUploadRefusals()
  const store = createTLStore({
    schema: createBoardSchema(),
    users: { currentUser: opts.$user },
    collaboration: { status: $online, mode: $mode },
    // Observers cannot upload (the server answers 403); their board is read-only anyway.
    ...(opts.readonly ? {} : { assets: createAssetStore(opts.sessionId, opts.token, uploadRefusals) }),
  })

  const cleanups: Array<() => void> = []

  const onSync = (synced: boolean) => {
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
  const link = openDocProvider({
    sessionId: opts.sessionId,
    doc: 'board',
    token: opts.token,
    ydoc,
    onSync,
    onState: (next) => {
      $state.set(next)
      $online.set(next === 'connected' ? 'online' : 'offline')
    },
    onFatal: (code) => {
      const fatal = { code, ...closeMessage(code) }
      $fatal.set(fatal)
      // Nothing to show yet: the message replaces the board. Otherwise the board stays, frozen.
      if ($phase.get().kind === 'loading')
        $phase.set({ kind: 'error', title: fatal.title, message: fatal.message })
    },
  })
  const { provider } = link
  cleanups.push(nudgeApartAfterReconnect(store, $state))

  let destroyed = false
  return {
    store,
    ydoc,
    provider,
    $state,
    $phase,
    $fatal,
    uploadRefusals,
    destroy() {
      if (destroyed) return
      destroyed = true
      for (const cleanup of cleanups.reverse()) cleanup()
      link.destroy()
      ydoc.destroy()
    },
  }
}
