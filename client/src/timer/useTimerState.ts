import { ControlKeys, type Phase, type TimerEvent, type TimerState } from '@mockboard/shared'
import { useEffect, useState } from 'react'
import type * as Y from 'yjs'

export interface TimerSnapshot {
  state: TimerState | null
  plan: Phase[]
}

function read(doc: Y.Doc, fallbackPlan: readonly Phase[]): TimerSnapshot {
  const timer = doc.getMap(ControlKeys.timer)
  const state = (timer.get('state') as TimerState | undefined) ?? null
  const plan = (timer.get('phases') as Phase[] | undefined) ?? [...fallbackPlan]
  return { state, plan }
}

/** The timer state and plan from the control doc, re-read on every change (the server seeds both). */
export function useTimerState(doc: Y.Doc | null | undefined, fallbackPlan: readonly Phase[]): TimerSnapshot {
  const [snapshot, setSnapshot] = useState<TimerSnapshot>(() =>
    doc ? read(doc, fallbackPlan) : { state: null, plan: [...fallbackPlan] },
  )
  useEffect(() => {
    if (!doc) return
    const timer = doc.getMap(ControlKeys.timer)
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

/** Applies an interviewer action: state and its event land in one transaction, so replay never sees one without the other. */
export function writeTimer(doc: Y.Doc, state: TimerState, event: TimerEvent): void {
  doc.transact(() => {
    doc.getMap(ControlKeys.timer).set('state', state)
    doc.getArray<TimerEvent>(ControlKeys.events).push([event])
  })
}
