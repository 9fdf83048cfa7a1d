import { useEffect, useRef } from 'react'

import { withOffset } from './deepLink'

/**
 * Browsers refuse a flood of history calls (Chrome: ~200 per 10 s) and playback moves `t` on every
 * frame, so the address is rewritten at most this often, with the latest instant.
 */
export const ADDRESS_EVERY_MS = 400

/**
 * Keeps `?t=` in the address bar on the instant shown, with `replaceState` (never a new history
 * entry: Back leaves the replay instead of stepping through every scrub).
 */
export function useAddressFollows(t: number, clockOrigin: number): void {
  const latest = useRef({ t, clockOrigin })
  latest.current = { t, clockOrigin }
  const written = useRef<number | null>(null)
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)

  useEffect(() => {
    // The instant the page opened on is already what the address says (or the default end).
    if (written.current === null) {
      written.current = t
      return
    }
    if (timer.current !== null || written.current === t) return
    timer.current = setTimeout(() => {
      timer.current = null
      const now = latest.current
      written.current = now.t
      history.replaceState(history.state, '', withOffset(location, now.t - now.clockOrigin))
    }, ADDRESS_EVERY_MS)
  }, [t])

  useEffect(
    () => () => {
      if (timer.current !== null) clearTimeout(timer.current)
    },
    [],
  )
}
