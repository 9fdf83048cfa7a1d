import type { TimerView } from '@mockboard/shared'
import { useEffect, useRef, useState } from 'react'

const FLASH_MS = 2200

/**
 * Calls `onPhaseEnd` when the running phase crosses zero while this page watches it, and reports
 * whether the visual flash is on. Loading a page already in overtime does not fire: nothing ended
 * in front of the user.
 */
export function usePhaseEndSignal(view: TimerView | null, onPhaseEnd: () => void): boolean {
  const previous = useRef<{ phaseIndex: number; positive: boolean } | null>(null)
  const [flashing, setFlashing] = useState(false)
  const callback = useRef(onPhaseEnd)
  callback.current = onPhaseEnd

  const running = view?.status === 'running'
  const phaseIndex = view?.phaseIndex ?? -1
  const positive = view ? view.remainingMs > 0 : true

  useEffect(() => {
    const prev = previous.current
    previous.current = running ? { phaseIndex, positive } : null
    if (running && prev && prev.phaseIndex === phaseIndex && prev.positive && !positive) {
      callback.current()
      setFlashing(true)
    }
  }, [running, phaseIndex, positive])

  useEffect(() => {
    if (!flashing) return
    const t = setTimeout(() => setFlashing(false), FLASH_MS)
    return () => clearTimeout(t)
  }, [flashing])

  return flashing
}
