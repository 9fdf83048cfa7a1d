import { type Phase, phaseDurationMs, type TimerState, type TimerView } from '@mockboard/shared'

interface Props {
  plan: readonly Phase[]
  state: TimerState
  view: TimerView
}

/** One segment per phase, sized by its planned length: done, current (filled as it runs), to come. */
export function PhaseProgress({ plan, state, view }: Props) {
  return (
    <div className="mb-timer__progress" role="list" aria-label="Phases">
      {plan.map((phase, i) => {
        const duration = phaseDurationMs(plan, state, i)
        const current = i === view.phaseIndex
        const done = i < view.phaseIndex || (current && state.status === 'ended')
        const fill = done
          ? 1
          : current && state.status !== 'idle'
            ? Math.min(1, view.elapsedMs / Math.max(1, duration))
            : 0
        const cls = [
          'mb-timer__seg',
          current ? 'is-current' : '',
          done ? 'is-done' : '',
          current && view.overtime ? 'is-over' : '',
        ]
        return (
          <div
            key={i}
            role="listitem"
            className={cls.join(' ')}
            style={{ flexGrow: duration }}
            title={`${phase.name} · ${duration / 60_000} min`}
          >
            <div className="mb-timer__seg-fill" style={{ width: `${fill * 100}%` }} />
          </div>
        )
      })}
    </div>
  )
}
