import { useState } from 'react'
import { MAX_NAME_LENGTH } from './participantName'

/** Asked once per browser: the name others see next to your cursor. */
export function NamePrompt({ title, onSubmit }: { title: string; onSubmit(name: string): void }) {
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
        <div className="mb-brand"><span className="mb-brand__mark" aria-hidden />Mockboard</div>
        <h1 className="mb-card__title">Join “{title}”</h1>
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
        <button type="submit" className="mb-button mb-button--primary" disabled={!trimmed}>Join the board</button>
      </form>
    </div>
  )
}
