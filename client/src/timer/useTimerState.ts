import { type Phase, readPhasePlan, readTimerState, timerMap, type TimerState } from '@mockboard/shared'
import { useEffect, useState } from 'react'
import type * as Y from 'yjs'

export interface TimerSnapshot {
  state: TimerState | null
  plan: Phase[]
}

function read(doc: Y.Doc, fallbackPlan: readonly Phase[]): TimerSnapshot {
  return { state: readTimerState(doc), plan: readPhasePlan(doc) ?? [...fallbackPlan] }
}

/** The timer state and plan from the control doc, re-read on every change (the server seeds both). */
export function useTimerState(doc: Y.Doc | null | undefined, fallbackPlan: readonly Phase[]): TimerSnapshot {
  const [snapshot, setSnapshot] = useState<TimerSnapshot>(() =>
    doc ? read(doc, fallbackPlan) : { state: null, plan: [...fallbackPlan] },
  )
  useEffect(() => {
    if (!doc) return
    const timer = timerMap(doc)
    const update = () => setSnapshot(read(doc, fallbackPlan))
    update()
    timer.observe(update)
    return () => timer.unobserve(update)
    // The fallback plan only matters before the doc syncs; identity changes must not resubscribe.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [doc])
  return snapshot
}

/** Whether the session has ended: everything turns read-only and the replay is offered. */
export function useSessionEnded(doc: Y.Doc | null | undefined, endedAtFromInfo: number | null): boolean {
  const { state } = useTimerState(doc, [])
  return endedAtFromInfo !== null || state?.status === 'ended'
}
