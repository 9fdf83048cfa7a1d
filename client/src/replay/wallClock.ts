import { useEffect, useState } from 'react'

import { formatDate, formatterOf, hasFormatter } from '../ui/dates'

/**
 * The time of day at `t` in the reader's locale (12- or 24-hour, as they use), or '' until its
 * formatter is made. The first formatter a page makes loads the locale's data: 46 ms in one
 * profile of the replay's opening, ~200 ms in another where it ran as the history arrived. Made
 * when the page is first idle, after its first frame (within a second anyway), it is off the way
 * to the first instant on screen; the transport shows the clock a moment later.
 */
export function useWallClock(t: number): string {
  const [ready, setReady] = useState(() => hasFormatter('seconds'))
  useEffect(() => {
    if (ready) return
    const make = () => {
      formatterOf('seconds')
      setReady(true)
    }
    if (typeof requestIdleCallback !== 'function') {
      const timer = setTimeout(make, 0)
      return () => clearTimeout(timer)
    }
    const idle = requestIdleCallback(make, { timeout: 1000 })
    return () => cancelIdleCallback(idle)
  }, [ready])
  return ready ? formatDate(t, 'seconds') : ''
}
