import { type ReactNode, useEffect, useState } from 'react'

import { CenteredMessage } from './CenteredMessage'

/**
 * Code loaded on demand, without Suspense. React 19 reveals a Suspense boundary's content no
 * sooner than 300 ms after the last fallback any boundary committed (its retry throttle). The
 * replay page is three chunks that arrive one after another (the page, its view, tldraw), so
 * each could wait up to 300 ms on the one before. Here a chunk's arrival is an ordinary state
 * change, shown at once, and a chunk loaded (or preloaded) before renders on the first pass.
 */

export type ChunkState<T> =
  | { status: 'loading'; promise: Promise<T> }
  | { status: 'ready'; value: T }
  | { status: 'failed'; error: unknown }

/** Per loader: loaders are module-level constants, each one import. */
const chunks = new WeakMap<() => Promise<unknown>, ChunkState<unknown>>()

/** Starts loading `load`'s module (once; again after a failure) and says where it is. */
export function loadChunk<T>(load: () => Promise<T>): ChunkState<T> {
  const known = chunks.get(load) as ChunkState<T> | undefined
  if (known && known.status !== 'failed') return known
  const promise = load().then(
    (value) => {
      chunks.set(load, { status: 'ready', value })
      return value
    },
    (error: unknown) => {
      chunks.set(load, { status: 'failed', error })
      throw error
    },
  )
  // Read (and its failure shown) by whoever renders the chunk.
  promise.catch(() => undefined)
  const loading: ChunkState<T> = { status: 'loading', promise }
  chunks.set(load, loading)
  return loading
}

/** Where `load`'s module is; `when` false: not asked for yet (null). */
export function useChunk<T>(load: () => Promise<T>, when = true): ChunkState<T> | null {
  const [state, setState] = useState<ChunkState<T> | null>(() => (when ? loadChunk(load) : null))
  useEffect(() => {
    if (!when) return
    const now = loadChunk(load)
    setState(now)
    if (now.status !== 'loading') return
    let live = true
    now.promise.then(
      (value) => live && setState({ status: 'ready', value }),
      (error: unknown) => live && setState({ status: 'failed', error }),
    )
    return () => {
      live = false
    }
  }, [load, when])
  return when ? state : null
}

interface ChunkProps<T> {
  load: () => Promise<T>
  /** Shown while the module loads. */
  fallback: ReactNode
  /** Shown when it could not be loaded (the network dropped; a deploy replaced the files). */
  failed: ReactNode
  children: (loaded: T) => ReactNode
}

/** `children` with the loaded module; `fallback` until then. */
export function Chunk<T>({ load, fallback, failed, children }: ChunkProps<T>) {
  const state = useChunk(load)
  if (state?.status === 'ready') return children(state.value)
  return state?.status === 'failed' ? failed : fallback
}

/** A screen whose code did not download. */
export function ChunkFailed({ title }: { title: string }) {
  return (
    <CenteredMessage
      tone="error"
      title={title}
      message="Part of the app did not download: the connection dropped, or the app was updated meanwhile."
      action={
        <button type="button" className="mb-button" onClick={() => location.reload()}>
          Reload
        </button>
      }
    />
  )
}
