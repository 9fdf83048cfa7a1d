import { formatClock, type Phase, timerView } from '@mockboard/shared'

import type { ControlFrame } from './decodeFrames'

const STATUS_LABEL = { idle: 'Not started', running: 'Running', paused: 'Paused', ended: 'Ended' } as const

/** The phase timer as every participant saw it at instant `t` (server time). */
export function TimerAt({
  frame,
  plan,
  t,
}: {
  frame: ControlFrame | null
  plan: readonly Phase[]
  t: number
}) {
  const phases = frame?.plan ?? plan
  if (!frame?.timer) {
    return (
      <section className="rp-card rp-timer" aria-label="Timer at this moment">
        <div className="rp-timer-phase rp-muted">Timer</div>
        <div className="rp-timer-clock rp-muted">–:––</div>
      </section>
    )
  }
  const view = timerView(phases, frame.timer, t)
  const progress = view.durationMs > 0 ? Math.min(1, view.elapsedMs / view.durationMs) : 0
  return (
    <section
      className={`rp-card rp-timer${view.overtime ? ' rp-timer--over' : ''}`}
      aria-label="Timer at this moment"
    >
      <div className="rp-timer-row">
        <div className="rp-timer-phase">
          <span className={`rp-dot rp-phase-${view.phaseIndex % 8}`} />
          {view.phase ? `${view.phaseIndex + 1}/${phases.length} · ${view.phase.name}` : 'Timer'}
        </div>
        <span className="mb-badge rp-caps">{STATUS_LABEL[view.status]}</span>
      </div>
      <div className="rp-timer-clock" data-testid="replay-timer">
        {view.status === 'idle' ? formatClock(view.durationMs) : formatClock(view.remainingMs)}
        {view.overtime && <span className="rp-timer-over"> overtime</span>}
      </div>
      <div className="rp-timer-bar">
        <div style={{ width: `${progress * 100}%` }} />
      </div>
    </section>
  )
}
