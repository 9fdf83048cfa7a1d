import '../lobby/theme.css'
import './timer.css'

import {
  applyTimerAction,
  canReplay,
  formatClock,
  readTimerState,
  type Role,
  type SessionInfo,
  type TimerAction,
  writeTimer,
} from '@mockboard/shared'
import { Bell, BellOff, History, WifiOff } from 'lucide-react'
import { type ReactNode, useCallback, useEffect, useState } from 'react'
import type * as Y from 'yjs'

import { useServerClock } from '../clock/useServerClock.js'
import { Chime } from './chime.js'
import { PhaseProgress } from './PhaseProgress.js'
import { TimerControls } from './TimerControls.js'
import { useChimeMuted } from './useChimeMuted.js'
import { usePhaseEndSignal } from './usePhaseEndSignal.js'
import { useTimerState } from './useTimerState.js'
import { useTimerView } from './useTimerView.js'

export interface TimerPanelProps {
  /** The session's control doc (from useControlDoc or the session page's own connection). */
  doc: Y.Doc | null
  /** Whether the control doc has synced: the interviewer may only act on the server's state. */
  synced: boolean
  role: Role
  info: SessionInfo
  /** The caller's token, for the replay link once the session ended. */
  token: string
  /** False while the control or board link is down: the countdown may show a phase already left. */
  live: boolean
  /** The ended board's "next round" action (swap roles), if this role may start one. */
  nextRound?: ReactNode
}

const STATUS_LABEL = { idle: 'Not started', running: 'Running', paused: 'Paused', ended: 'Ended' } as const

/** The shared phase timer: everyone sees it, only the interviewer drives it. */
export function TimerPanel({ doc, synced, role, info, token, live, nextRound }: TimerPanelProps) {
  const clock = useServerClock()
  const { state, plan } = useTimerState(doc, info.phases)
  const view = useTimerView(plan, state, clock)
  const [muted, setMuted] = useChimeMuted()
  const [chime] = useState(() => new Chime())
  useEffect(() => () => chime.close(), [chime])
  const flashing = usePhaseEndSignal(view, () => {
    if (!muted) chime.play()
  })

  const isInterviewer = role === 'interviewer'
  const act = useCallback(
    (action: TimerAction) => {
      if (!doc || !synced || !live || !isInterviewer || !clock.ready) return
      // Read the doc, not the last render: two quick clicks must chain, not both apply to stale state.
      const current = readTimerState(doc)
      if (!current) return
      const result = applyTimerAction(plan, current, action, clock.now())
      if (result) writeTimer(doc, result.state, result.event)
    },
    [doc, synced, live, isInterviewer, clock, plan],
  )

  if (!view || !state) {
    return (
      <section className="mb-timer" aria-label="Phase timer" data-testid="timer" data-status="loading">
        <div className="mb-timer__head">
          <span className="mb-timer__phase mb-dim">Connecting…</span>
        </div>
        <div className="mb-timer__clock mb-timer__clock--placeholder">–:––</div>
      </section>
    )
  }

  const ended = view.status === 'ended'
  const displayStatus = ended ? 'ended' : view.overtime ? 'overtime' : view.status
  const next = plan[view.phaseIndex + 1]
  const classes = [
    'mb-timer',
    `is-${displayStatus}`,
    flashing ? 'is-flashing' : '',
    live ? '' : 'is-stale',
  ].join(' ')

  return (
    <section
      className={classes}
      aria-label="Phase timer"
      data-testid="timer"
      data-status={displayStatus}
      data-phase-index={view.phaseIndex}
      data-stale={!live}
    >
      <div className="mb-timer__head">
        <span className="mb-timer__step">
          Phase {view.phaseIndex + 1} of {plan.length}
        </span>
        <span className={`mb-badge mb-timer__status`}>
          {view.overtime && !ended ? 'Overtime' : STATUS_LABEL[view.status]}
        </span>
        <button
          className="mb-btn mb-btn--ghost mb-btn--sm mb-btn--icon mb-timer__mute"
          title={muted ? 'Unmute the phase-end chime' : 'Mute the phase-end chime'}
          aria-label={muted ? 'Unmute chime' : 'Mute chime'}
          aria-pressed={muted}
          onClick={() => setMuted(!muted)}
        >
          {muted ? <BellOff size={15} /> : <Bell size={15} />}
        </button>
      </div>
      {!live && (
        <p className="mb-timer__stale" role="status" data-testid="timer-stale">
          <WifiOff size={13} aria-hidden /> Reconnecting… the timer may be out of date
        </p>
      )}
      <div className="mb-timer__phase" data-testid="timer-phase">
        {view.phase?.name ?? '—'}
      </div>
      {ended ? (
        <div className="mb-timer__ended">
          <div className="mb-timer__clock mb-timer__clock--ended">Session ended</div>
          {canReplay(role, info.replayShared) && (
            <a
              className="mb-btn mb-btn--primary mb-btn--sm"
              href={`/s/${info.id}/replay#token=${token}`}
              data-testid="open-replay"
            >
              <History size={14} />
              Open the replay
            </a>
          )}
          {nextRound}
        </div>
      ) : (
        <div className="mb-timer__clock" data-testid="timer-clock" aria-live="off">
          {formatClock(view.remainingMs)}
        </div>
      )}
      <PhaseProgress plan={plan} state={state} view={view} />
      {!ended && (
        <div className="mb-timer__next mb-dim">
          {next ? `Next: ${next.name} · ${next.minutes} min` : 'Last phase'}
          {(state.extraMinutes[view.phaseIndex] ?? 0) > 0 &&
            ` · +${state.extraMinutes[view.phaseIndex]} min added`}
        </div>
      )}
      {isInterviewer && (
        <TimerControls
          view={view}
          phaseCount={plan.length}
          disabled={!synced || !doc || !live}
          onAction={act}
        />
      )}
    </section>
  )
}
