import { useCallback, useEffect, useState } from 'react'

import { ApiError } from '../api/ApiError'
import { createSessionApi } from '../api/sessionApi'
import { listSessions, type RememberedSession, updateSession } from './sessionHistory.js'

const REFRESH_LIMIT = 20

/**
 * "My sessions", refreshed from the server once on load (ended? still reachable?), and again
 * when another tab changes the list.
 */
export function useRememberedSessions(): { sessions: RememberedSession[]; reload: () => void } {
  const [sessions, setSessions] = useState(listSessions)
  const reload = useCallback(() => setSessions(listSessions()), [])

  useEffect(() => {
    let live = true
    const stale = listSessions()
      .filter((s) => !s.gone && !s.endedAt)
      .slice(0, REFRESH_LIMIT)
    void Promise.all(
      stale.map(async (s) => {
        try {
          const info = await createSessionApi(s.id, s.token).info()
          updateSession(s.id, s.role, { endedAt: info.endedAt, title: info.title, problemId: info.problemId })
        } catch (err) {
          if (err instanceof ApiError && (err.status === 401 || err.status === 404))
            updateSession(s.id, s.role, { gone: true })
        }
      }),
    ).then(() => live && reload())
    const onStorage = (e: StorageEvent) => e.key === 'mockboard:sessions' && reload()
    window.addEventListener('storage', onStorage)
    return () => {
      live = false
      window.removeEventListener('storage', onStorage)
    }
  }, [reload])

  return { sessions, reload }
}
