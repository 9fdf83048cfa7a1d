import { canReplay } from '@mockboard/shared'
import { ArrowLeftRight, History, Trash2 } from 'lucide-react'

import { formatDate } from '../ui/dates'
import { forgetSession, type RememberedSession } from './sessionHistory.js'

interface Props {
  sessions: RememberedSession[]
  swapping: string | null
  onSwap: (session: RememberedSession) => void
  onShowLinks: (session: RememberedSession) => void
  onChanged: () => void
}

const when = (at: number) => {
  const d = new Date(at)
  const today = new Date().toDateString() === d.toDateString()
  return today ? `Today ${formatDate(at, 'minutes')}` : formatDate(at, 'date')
}

/** Sessions this browser created or joined, newest first, with the way back in. */
export function MySessions({ sessions, swapping, onSwap, onShowLinks, onChanged }: Props) {
  return (
    <section className="mb-lobby__card mb-lobby__mine" aria-label="My sessions" data-testid="my-sessions">
      <h2>My sessions</h2>
      {sessions.length === 0 ? (
        <p className="mb-dim mb-lobby__empty">Sessions you create or join in this browser appear here.</p>
      ) : (
        <ul className="mb-lobby__list">
          {sessions.map((s) => {
            const ended = !!s.endedAt
            const link = `/s/${s.id}#token=${s.token}`
            const canSwap = ended && !s.gone && (s.role === 'interviewer' || s.role === 'candidate')
            return (
              <li key={`${s.id}:${s.role}`} className="mb-lobby__item" data-session={s.id}>
                <div className="mb-lobby__item-main">
                  <a className="mb-lobby__item-title" href={s.gone ? undefined : link}>
                    {s.title}
                  </a>
                  <div className="mb-lobby__item-meta">
                    <span className={`mb-badge mb-lobby__role is-${s.role}`}>{s.role}</span>
                    <span
                      className={`mb-lobby__state ${s.gone ? 'is-gone' : ended ? 'is-ended' : 'is-live'}`}
                    >
                      {s.gone ? 'Link expired' : ended ? 'Ended' : 'Open'}
                    </span>
                    <span className="mb-dim">{when(s.joinedAt)}</span>
                  </div>
                </div>
                <div className="mb-lobby__item-actions">
                  {ended && canReplay(s.role, false) && !s.gone && (
                    <a className="mb-btn mb-btn--sm" href={`/s/${s.id}/replay#token=${s.token}`}>
                      <History size={14} />
                      Replay
                    </a>
                  )}
                  {canSwap && (
                    <button
                      type="button"
                      className="mb-btn mb-btn--sm"
                      disabled={swapping !== null}
                      onClick={() => onSwap(s)}
                      title="Next round: same problem and plan, roles swapped"
                      data-testid="swap-roles"
                    >
                      <ArrowLeftRight size={14} />
                      {swapping === s.id ? 'Creating…' : 'Swap roles'}
                    </button>
                  )}
                  {!ended && s.links && (
                    <button
                      type="button"
                      className="mb-btn mb-btn--sm mb-btn--ghost"
                      onClick={() => onShowLinks(s)}
                    >
                      Invite links
                    </button>
                  )}
                  <button
                    type="button"
                    className="mb-btn mb-btn--sm mb-btn--ghost mb-btn--icon"
                    aria-label="Remove from this list"
                    title="Remove from this list"
                    onClick={() => {
                      forgetSession(s.id, s.role)
                      onChanged()
                    }}
                  >
                    <Trash2 size={14} />
                  </button>
                </div>
              </li>
            )
          })}
        </ul>
      )}
    </section>
  )
}
