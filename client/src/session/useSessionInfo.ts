import type { SessionInfo } from '@mockboard/shared'
import { useEffect, useState } from 'react'

import { ApiError } from '../api/ApiError'
import { createSessionApi } from '../api/sessionApi'

export type SessionInfoState =
  | { status: 'loading' }
  | { status: 'ready'; info: SessionInfo }
  | { status: 'error'; title: string; message: string }

function describe(error: unknown): { title: string; message: string } {
  if (error instanceof ApiError && error.status === 401)
    return {
      title: 'This invite link is not valid',
      message: 'The link is expired, mistyped or belongs to another session. Ask the host for a fresh link.',
    }
  if (error instanceof ApiError && error.status === 404)
    return { title: 'Session not found', message: 'This session does not exist (any more).' }
  return {
    title: 'Could not reach the server',
    message: error instanceof Error ? error.message : String(error),
  }
}

export function useSessionInfo(sessionId: string, token: string | null): SessionInfoState {
  const [state, setState] = useState<SessionInfoState>({ status: 'loading' })
  useEffect(() => {
    if (!token) return
    let cancelled = false
    createSessionApi(sessionId, token)
      .info()
      .then(
        (info) => !cancelled && setState({ status: 'ready', info }),
        (e: unknown) => !cancelled && setState({ status: 'error', ...describe(e) }),
      )
    return () => {
      cancelled = true
    }
  }, [sessionId, token])
  return state
}
