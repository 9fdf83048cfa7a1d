import type { TimerAction, TimerView } from '@mockboard/shared'
import { ChevronLeft, ChevronRight, Pause, Play, Plus } from 'lucide-react'
import { useState } from 'react'

interface Props {
  view: TimerView
  phaseCount: number
  disabled: boolean
  onAction: (action: TimerAction) => void
}

/** The interviewer's buttons. Ending asks once more: it freezes the session for everyone. */
export function TimerControls({ view, phaseCount, disabled, onAction }: Props) {
  const [confirming, setConfirming] = useState(false)
  if (view.status === 'ended') return null

  if (confirming) {
    return (
      <div className="mb-timer__confirm" role="alertdialog" aria-label="End session">
        <p>End the session for everyone? Board and notes become read-only and the replay opens.</p>
        <div className="mb-timer__row">
          <button className="mb-btn mb-btn--sm" onClick={() => setConfirming(false)}>
            Keep going
          </button>
          <button
            className="mb-btn mb-btn--sm mb-btn--danger-solid"
            data-testid="timer-end-confirm"
            disabled={disabled}
            onClick={() => {
              setConfirming(false)
              onAction({ type: 'end' })
            }}
          >
            End session
          </button>
        </div>
      </div>
    )
  }

  const main =
    view.status === 'idle'
      ? { label: 'Start', icon: <Play size={15} />, action: { type: 'start' } as const }
      : view.status === 'running'
        ? { label: 'Pause', icon: <Pause size={15} />, action: { type: 'pause' } as const }
        : { label: 'Resume', icon: <Play size={15} />, action: { type: 'resume' } as const }

  return (
    <div className="mb-timer__controls">
      <button
        className="mb-btn mb-btn--sm mb-btn--icon"
        title="Previous phase"
        aria-label="Previous phase"
        disabled={disabled || view.phaseIndex === 0}
        onClick={() => onAction({ type: 'previous' })}
      >
        <ChevronLeft size={16} />
      </button>
      <button
        className={`mb-btn mb-btn--sm ${view.status === 'running' ? '' : 'mb-btn--primary'} mb-timer__main`}
        data-testid={`timer-${main.action.type}`}
        disabled={disabled}
        onClick={() => onAction(main.action)}
      >
        {main.icon}
        {main.label}
      </button>
      <button
        className="mb-btn mb-btn--sm mb-btn--icon"
        title="Next phase"
        aria-label="Next phase"
        data-testid="timer-next"
        disabled={disabled || view.phaseIndex >= phaseCount - 1}
        onClick={() => onAction({ type: 'next' })}
      >
        <ChevronRight size={16} />
      </button>
      <button
        className="mb-btn mb-btn--sm"
        title="Add 5 minutes to this phase"
        disabled={disabled || view.status === 'idle'}
        onClick={() => onAction({ type: 'extend', minutes: 5 })}
      >
        <Plus size={14} />5 min
      </button>
      <button
        className="mb-btn mb-btn--sm mb-btn--danger mb-timer__end"
        title="End the session for everyone"
        data-testid="timer-end"
        disabled={disabled}
        onClick={() => setConfirming(true)}
      >
        End
      </button>
    </div>
  )
}
