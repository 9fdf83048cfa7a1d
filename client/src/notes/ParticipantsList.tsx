import type { Participant } from './awarenessUser.js'
import './participants.css'

const ROLE_LABEL = { interviewer: 'Interviewer', candidate: 'Candidate', observer: 'Observer' } as const

/** Who is here, with the colour of their cursor and their role. */
export function ParticipantsList({ participants }: { participants: Participant[] }) {
  if (participants.length === 0) return null
  return (
    <ul className="mb-people" aria-label="Participants" data-testid="participants">
      {participants.map((p) => (
        <li key={p.clientId} className="mb-people__item" title={`${p.name}${p.role ? ` · ${ROLE_LABEL[p.role]}` : ''}`}>
          <span className="mb-people__dot" style={{ background: p.color }} aria-hidden />
          <span className="mb-people__name">
            {p.name}
            {p.isLocal && <span className="mb-dim"> (you)</span>}
          </span>
          {p.role && <span className={`mb-people__role is-${p.role}`}>{ROLE_LABEL[p.role]}</span>}
        </li>
      ))}
    </ul>
  )
}
