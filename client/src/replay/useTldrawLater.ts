import { useCallback, useEffect, useState } from 'react'

/**
 * How long tldraw waits after the first instant is painted, if the session is not loaded by then.
 * tldraw's mount and its catching up with the board keep the page's main thread busy for seconds
 * (a ~1,000-record board), and on a two-core machine that slows the log worker down: on the
 * benchmark hour, mounting it at once left the session loaded after ~4.7 s, after it ~3.5 s.
 */
export const TLDRAW_WAIT_MS = 3_000

/**
 * Whether the replay's tldraw board should load now: once the whole session is in (every instant
 * drawn without waiting), or TLDRAW_WAIT_MS after the first paint on a long session, or as soon
 * as the reader reaches for the board (a pointer or a wheel on it: zooming is tldraw's). Until
 * then the frame painter shows every instant; exports wait for tldraw.
 */
export function useTldrawLater(painted: boolean, loaded: number): { mount: boolean; reach(): void } {
  const [mount, setMount] = useState(false)
  useEffect(() => {
    if (mount || !painted) return
    if (loaded === 1) {
      setMount(true)
      return
    }
    const timer = setTimeout(() => setMount(true), TLDRAW_WAIT_MS)
    return () => clearTimeout(timer)
    // The wait starts at the first paint, not at each progress step.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [mount, painted, loaded === 1])
  const reach = useCallback(() => setMount(true), [])
  return { mount: mount && painted, reach }
}
