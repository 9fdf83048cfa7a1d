import type { SessionMode } from '@mockboard/shared'
import type { KeyboardEvent } from 'react'

const MODES: { mode: SessionMode; label: string; hint: string }[] = [
  {
    mode: 'interview',
    label: 'Interview',
    hint: 'A coach and a candidate: the design review stays in the interviewer’s panel.',
  },
  {
    mode: 'practice',
    label: 'Practice',
    hint: 'Two people practising: the design review shows on the board for both from the start.',
  },
]

/** Arrow keys move the choice, as in any radio group. */
function onArrows(e: KeyboardEvent<HTMLDivElement>, value: SessionMode, onChange: (m: SessionMode) => void) {
  if (!['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown'].includes(e.key)) return
  e.preventDefault()
  const next = MODES[(MODES.findIndex((m) => m.mode === value) + 1) % MODES.length]!.mode
  onChange(next)
  e.currentTarget.querySelector<HTMLElement>(`[data-mode="${next}"]`)?.focus()
}

/** Interview or practice: sets the session's `mode`, which decides whether review badges start on. */
export function ModePicker({ value, onChange }: { value: SessionMode; onChange: (m: SessionMode) => void }) {
  const picked = MODES.find((m) => m.mode === value)!
  return (
    <>
      <div
        className="mb-lobby__seg"
        role="radiogroup"
        aria-label="Session mode"
        onKeyDown={(e) => onArrows(e, value, onChange)}
        data-testid="mode"
      >
        {MODES.map(({ mode, label }) => (
          <button
            key={mode}
            type="button"
            role="radio"
            aria-checked={mode === value}
            tabIndex={mode === value ? 0 : -1}
            data-mode={mode}
            onClick={() => onChange(mode)}
          >
            {label}
          </button>
        ))}
      </div>
      <p className="mb-dim mb-lobby__small" data-testid="mode-hint">
        {picked.hint}
      </p>
    </>
  )
}
