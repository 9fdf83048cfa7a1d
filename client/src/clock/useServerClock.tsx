import { createContext, type ReactNode, useContext, useEffect, useState, useSyncExternalStore } from 'react'

import { ServerClock } from './ServerClock.js'

const ClockContext = createContext<ServerClock | null>(null)

/** Shares one measured clock with every timer display below it (pass `clock` to share one across subtrees). */
export function ServerClockProvider({ children, clock }: { children: ReactNode; clock?: ServerClock }) {
  const own = useOwnClock(!clock)
  return <ClockContext.Provider value={clock ?? own}>{children}</ClockContext.Provider>
}

/** A clock measured for as long as the calling component lives. */
export function useMeasuredClock(): ServerClock {
  return useOwnClock(true)
}

function useOwnClock(enabled: boolean): ServerClock {
  const [clock] = useState(() => new ServerClock())
  useEffect(() => {
    if (!enabled) return
    clock.start()
    return () => clock.stop()
  }, [clock, enabled])
  return clock
}

/** The page's server clock; a component outside a provider measures its own. */
export function useServerClock(): ServerClock {
  const shared = useContext(ClockContext)
  const own = useOwnClock(shared === null)
  return shared ?? own
}

/** Re-renders when the clock's offset is first known or re-measured. */
export function useClockReady(clock: ServerClock): boolean {
  return useSyncExternalStore(
    (cb) => clock.subscribe(cb),
    () => clock.ready,
  )
}
