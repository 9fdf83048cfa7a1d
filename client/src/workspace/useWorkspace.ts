import type { WorkspaceSessions } from '@mockboard/shared'
import { useCallback, useEffect, useMemo, useState } from 'react'

import { ApiError } from '../api/ApiError'
import { createWorkspaceApi, type WorkspaceApi } from '../api/workspaceApi'
import { rememberWorkspaceKey, workspaceKey } from './workspaceKeyStore'

export type WorkspaceState =
  | { status: 'no-key' }
  | { status: 'loading' }
  | { status: 'refused'; message: string }
  | { status: 'ready'; data: WorkspaceSessions }

/** The workspace's key (fragment or remembered), its API, and its sessions, reloadable. */
export function useWorkspace(id: string): {
  state: WorkspaceState
  api: WorkspaceApi | null
  reload: () => void
} {
  const key = useMemo(() => workspaceKey(id), [id])
  const api = useMemo(() => (key ? createWorkspaceApi(id, key) : null), [id, key])
  const [state, setState] = useState<WorkspaceState>(key ? { status: 'loading' } : { status: 'no-key' })
  const [version, setVersion] = useState(0)
  const reload = useCallback(() => setVersion((v) => v + 1), [])

  useEffect(() => {
    if (!api) return
    let live = true
    api.sessions().then(
      (data) => live && setState({ status: 'ready', data }),
      (err: unknown) => {
        if (!live) return
        const refused = err instanceof ApiError && (err.status === 403 || err.status === 404)
        // A rotated-away key is of no use any more: this browser stops offering it.
        if (refused) rememberWorkspaceKey(id, null)
        const message = refused
          ? 'This workspace link is not valid any more (the key was rotated, or the workspace does not exist).'
          : err instanceof Error
            ? err.message
            : String(err)
        setState({ status: 'refused', message })
      },
    )
    return () => {
      live = false
    }
  }, [api, id, version])

  return { state, api, reload }
}
