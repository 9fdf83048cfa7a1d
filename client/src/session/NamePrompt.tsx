import type { Role } from '@mockboard/shared'
import { useState } from 'react'

import { MAX_NAME_LENGTH } from './participantName'

/** What each role's link lets its holder do, said before they join. */
const JOINS_AS: Record<Role, string> = {
  interviewer: 'You run the timer, drop bookmarks and score privately.',
  candidate: 'You draw the design and write the notes; the interviewer runs the timer.',
  observer: 'You watch everything live; you cannot edit.',
}

/** Asked once per browser: the name others see next to your cursor. */
export function NamePrompt({
  title,
  role,
  onSubmit,
}: {
  title: string
  role: Role
  onSubmit(name: string): void
}) {
  const [name, setName] = useState('')
  const trimmed = name.trim()
  return (
    <div className="mb-centered">
      <form
        className="mb-card mb-name-prompt"
        onSubmit={(e) => {
          e.preventDefault()
          if (trimmed) onSubmit(trimmed)
        }}
      >
        <div className="mb-brand">
          <span className="mb-brand__mark" aria-hidden />
          Mockboard
        </div>
        <h1 className="mb-card__title">Join “{title}”</h1>
        <p className="mb-card__message" data-testid="joins-as">
          <span className={`mb-role mb-role--${role}`}>{role}</span> You join as the {role}. {JOINS_AS[role]}
        </p>
        <label className="mb-field">
          <span>Your name</span>
          <input
            autoFocus
            name="name"
            value={name}
            maxLength={MAX_NAME_LENGTH}
            placeholder="e.g. Ada"
            autoComplete="name"
            onChange={(e) => setName(e.currentTarget.value)}
          />
        </label>
        <button type="submit" className="mb-button mb-button--primary" disabled={!trimmed}>
          Join the board
        </button>
      </form>
    </div>
  )
}
