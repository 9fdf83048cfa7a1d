import { type Phase, type TimerState, type TimerView, timerView } from '@mockboard/shared'
import { useEffect, useState } from 'react'

import type { ServerClock } from '../clock/ServerClock.js'
import { useClockReady } from '../clock/useServerClock.js'
import { nextTickDelay } from './tickDelay.js'

/**
 * The timer as shown right now on the server's clock. Re-renders at most ~4 Hz while running,
 * with the last tick of each second aimed at the moment the display changes; not at all otherwise.
 */
export function useTimerView(
  plan: readonly Phase[],
  state: TimerState | null,
  clock: ServerClock,
): TimerView | null {
  const ready = useClockReady(clock)
  const [, setTick] = useState(0)
  const running = state?.status === 'running'

  useEffect(() => {
    if (!running || !state) return
    let timeout: ReturnType<typeof setTimeout>
    const schedule = () => {
      const view = timerView(plan, state, clock.now())
      timeout = setTimeout(() => {
        setTick((n) => n + 1)
        schedule()
      }, nextTickDelay(view.remainingMs))
    }
    schedule()
    return () => clearTimeout(timeout)
  }, [running, state, plan, clock, ready])

  if (!state || !ready) return null
  return timerView(plan, state, clock.now())
}
