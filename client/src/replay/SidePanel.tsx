import { formatSessionTime, type SessionHistory } from '@mockboard/shared'
import { memo } from 'react'

import type { ControlFrame } from './decodeFrames'
import { FindingList } from './FindingList'
import { NotesAt } from './NotesAt'
import type { TimelineModel } from './timelineModel'
import { TimerAt } from './TimerAt'

interface Props {
  history: SessionHistory
  model: TimelineModel
  t: number
  control: ControlFrame | null
  notes: string
  onSeek(t: number): void
}

const minutes = (ms: number) => `${Math.round(ms / 60_000)} min`

/** Phases planned vs actual; the one running at t is highlighted, each jumps to its start. */
const PhaseList = memo(function PhaseList({
  history,
  model,
  currentIndex,
  onSeek,
}: {
  history: SessionHistory
  model: TimelineModel
  currentIndex: number | null
  onSeek(t: number): void
}) {
  return (
    <section className="rp-card" aria-label="Phases">
      <h2 className="rp-card-title">Phases</h2>
      <ol className="rp-phases">
        {history.phases.map((p) => (
          <li key={p.index}>
            <button
              type="button"
              className={`rp-phase-row${p.index === currentIndex ? ' rp-phase-row--on' : ''}`}
              disabled={p.start === null}
              onClick={() => onSeek(model.phaseStarts[p.index] ?? p.start ?? model.start)}
            >
              <span className={`rp-dot rp-phase-${p.index % 8}`} />
              <span className="rp-phase-name">{p.name}</span>
              <span className="rp-phase-times">
                {p.start === null ? <span className="rp-muted">not reached</span> : minutes(p.activeMs)}
                <span className="rp-muted"> / {p.plannedMinutes} min</span>
              </span>
            </button>
          </li>
        ))}
      </ol>
    </section>
  )
})

const BookmarkList = memo(function BookmarkList({
  model,
  onSeek,
}: {
  model: TimelineModel
  onSeek(t: number): void
}) {
  if (model.bookmarks.length === 0) return null
  return (
    <section className="rp-card" aria-label="Bookmarks">
      <h2 className="rp-card-title">Bookmarks</h2>
      <ul className="rp-bookmark-list">
        {model.bookmarks.map((b) => (
          <li key={b.id}>
            <button type="button" onClick={() => onSeek(b.at)}>
              <span className="rp-bookmark-time">{formatSessionTime(b.at, model.clockOrigin)}</span>
              <span>{b.label}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  )
})

/** What sits beside the board: timer, phases, bookmarks, notes, all at instant t. */
export function SidePanel({ history, model, t, control, notes, onSeek }: Props) {
  const plan = control?.plan ?? history.plannedPhases
  const current = control?.timer && control.timer.status !== 'idle' ? control.timer.phaseIndex : null
  return (
    <aside className="rp-side">
      <TimerAt frame={control} plan={plan} t={t} />
      <PhaseList history={history} model={model} currentIndex={current} onSeek={onSeek} />
      <BookmarkList model={model} onSeek={onSeek} />
      <FindingList model={model} onSeek={onSeek} />
      <NotesAt notes={notes} />
    </aside>
  )
}
