import { nextRoundMap, readNextRound, type SessionInfo } from '@mockboard/shared'
import { useCallback, useEffect, useRef, useState } from 'react'

import { joinNextRound } from '../lobby/swapRoles'
import type { SessionDoc } from '../timer/useSessionDoc'

export interface NextRound {
  /** The next round exists already (someone started it before this page opened). */
  started: boolean
  /** 'joining' while this page asks for its link and moves there. */
  status: 'idle' | 'joining' | 'error'
  error: string | null
  /** Starts the round (or joins the one that exists) and moves this page there. */
  join(): void
}

/**
 * The pair's shared next round. The server announces it in the control doc; a page that sees the
 * announcement arrive follows into it with its own swapped link. A page opened after the round
 * started (say from "My sessions") is not pulled away: it only offers to join.
 */
export function useNextRound(control: SessionDoc | null, info: SessionInfo, token: string): NextRound {
  const [status, setStatus] = useState<NextRound['status']>('idle')
  const [error, setError] = useState<string | null>(null)
  const [started, setStarted] = useState(false)
  // The clicker's own page sees the announcement too: a second navigation would abort the first.
  const joining = useRef(false)

  const join = useCallback(() => {
    if (joining.current) return
    joining.current = true
    setStatus('joining')
    setError(null)
    joinNextRound(info.id, token).catch((err: unknown) => {
      joining.current = false
      setStatus('error')
      setError(err instanceof Error ? err.message : String(err))
    })
  }, [info.id, token])

  const doc = control?.doc ?? null
  const synced = control?.synced ?? false
  useEffect(() => {
    if (!doc || !synced) return
    const map = nextRoundMap(doc)
    const present = readNextRound(doc) !== null
    setStarted(present)
    if (present) return
    const onChange = () => {
      if (readNextRound(doc) === null) return
      map.unobserve(onChange)
      setStarted(true)
      join()
    }
    map.observe(onChange)
    return () => map.unobserve(onChange)
  }, [doc, synced, join])

  return { started, status, error, join }
}
