import { type Role, ROLES, type SessionLinks } from '@mockboard/shared'
import { ArrowRight } from 'lucide-react'

import { CopyButton } from './CopyButton.js'

const WHO: Record<Role, { title: string; you: string; other: string }> = {
  interviewer: {
    title: 'Interviewer',
    you: 'You. Runs the timer, drops bookmarks and scores privately.',
    other: 'Your partner. Runs the timer and scores privately.',
  },
  candidate: {
    title: 'Candidate',
    you: 'You. Draws the design and writes the notes.',
    other: 'The person being interviewed. Draws and writes notes.',
  },
  observer: {
    title: 'Observer',
    you: 'Watch only: sees everything live, cannot edit.',
    other: 'Watch only: sees everything live, cannot edit.',
  },
}

interface Props {
  title: string
  links: SessionLinks
  /** The role this browser will take; its link is the one to open, the others to send. */
  myRole: Role
  /** One line above the links, e.g. who interviews this round. */
  intro: string
  onDismiss: () => void
}

/** The three invite links of a new session, with who gets which. */
export function InviteLinks({ title, links, myRole, intro, onDismiss }: Props) {
  const absolute = (role: Role) => new URL(links[role], location.origin).toString()
  return (
    <section className="mb-lobby__card mb-lobby__ready" data-testid="invite-links" aria-label="Invite links">
      <div className="mb-lobby__ready-head">
        <div>
          <span className="mb-badge mb-lobby__ok-chip">Session ready</span>
          <h2>{title}</h2>
          <p className="mb-lobby__lead">{intro}</p>
        </div>
      </div>
      <ul className="mb-lobby__links">
        {ROLES.map((role) => {
          const mine = role === myRole
          return (
            <li key={role} className={mine ? 'is-mine' : ''}>
              <div className="mb-lobby__link-who">
                {/* The same role badge as in the room's top bar: which link is which, at a glance. */}
                <span className={`mb-role mb-role--${role}`}>{WHO[role].title} link</span>
                {mine && <span className="mb-badge">you</span>}
                <span className="mb-dim">{mine ? WHO[role].you : WHO[role].other}</span>
              </div>
              <div className="mb-lobby__link-row">
                <input
                  className="mb-input mb-lobby__link"
                  readOnly
                  value={absolute(role)}
                  aria-label={`${WHO[role].title} link`}
                  data-testid={`link-${role}`}
                  onFocus={(e) => e.currentTarget.select()}
                />
                <CopyButton
                  text={absolute(role)}
                  testId={`copy-${role}`}
                  ariaLabel={`Copy the ${role} link`}
                />
              </div>
            </li>
          )
        })}
      </ul>
      <p className="mb-dim mb-lobby__small">
        Each link carries its own key: send the {myRole === 'candidate' ? 'interviewer' : 'candidate'} link
        only to your partner. The links are also kept under My sessions.
      </p>
      <div className="mb-lobby__actions">
        <button type="button" className="mb-btn" onClick={onDismiss}>
          Create another
        </button>
        <a className="mb-btn mb-btn--primary" href={links[myRole]} data-testid="open-mine">
          Open as {WHO[myRole].title.toLowerCase()}
          <ArrowRight size={15} />
        </a>
      </div>
    </section>
  )
}
