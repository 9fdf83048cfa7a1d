import { problemById, PROBLEMS, SESSION_LIMITS } from '@mockboard/shared'
import type { KeyboardEvent } from 'react'

export type ProblemChoice = { kind: 'library'; id: string } | { kind: 'custom'; text: string }

const short = (title: string) => title.replace(/^Design (a |an )?/, '')

const STEP: Record<string, number> = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }

/** Radio-group keys (WAI-ARIA): arrows move and select, Home/End jump; the group is one Tab stop. */
function moveChoice(e: KeyboardEvent<HTMLDivElement>, current: string, pick: (id: string) => void) {
  const at = PROBLEMS.findIndex((p) => p.id === current)
  const next =
    e.key === 'Home'
      ? 0
      : e.key === 'End'
        ? PROBLEMS.length - 1
        : STEP[e.key] === undefined
          ? null
          : (at + STEP[e.key]! + PROBLEMS.length) % PROBLEMS.length
  if (next === null) return
  e.preventDefault()
  pick(PROBLEMS[next]!.id)
  e.currentTarget.querySelectorAll<HTMLElement>('[role="radio"]')[next]?.focus()
}

/** Pick a classic prompt from the library (brief + scale shown) or write one. */
export function ProblemPicker({
  value,
  onChange,
}: {
  value: ProblemChoice
  onChange: (c: ProblemChoice) => void
}) {
  const picked = value.kind === 'library' ? problemById(value.id) : undefined
  return (
    <div className="mb-lobby__problem">
      <div className="mb-lobby__seg" role="tablist" aria-label="Problem source">
        <button
          type="button"
          role="tab"
          aria-selected={value.kind === 'library'}
          onClick={() => onChange({ kind: 'library', id: picked?.id ?? PROBLEMS[0]!.id })}
        >
          From the library
        </button>
        <button
          type="button"
          role="tab"
          aria-selected={value.kind === 'custom'}
          onClick={() => onChange({ kind: 'custom', text: value.kind === 'custom' ? value.text : '' })}
        >
          Write your own
        </button>
      </div>
      {value.kind === 'library' ? (
        <>
          <div
            className="mb-lobby__problems"
            role="radiogroup"
            aria-label="Problem"
            onKeyDown={(e) => moveChoice(e, value.id, (id) => onChange({ kind: 'library', id }))}
          >
            {PROBLEMS.map((p) => (
              <button
                key={p.id}
                type="button"
                role="radio"
                aria-checked={p.id === value.id}
                tabIndex={p.id === value.id ? 0 : -1}
                className={`mb-lobby__problem-card ${p.id === value.id ? 'is-on' : ''}`}
                onClick={() => onChange({ kind: 'library', id: p.id })}
              >
                {short(p.title)}
              </button>
            ))}
          </div>
          {picked && (
            <div className="mb-lobby__brief" data-testid="problem-brief">
              <strong>{picked.title}</strong>
              <p>{picked.brief}</p>
              <ul className="mb-lobby__scale" aria-label="Suggested scale">
                {picked.scale.map((s) => (
                  <li key={s}>{s}</li>
                ))}
              </ul>
            </div>
          )}
        </>
      ) : (
        <textarea
          className="mb-input"
          rows={5}
          maxLength={SESSION_LIMITS.maxProblem}
          placeholder={'Design a …\n\nWhat it does, and the scale to design for.'}
          value={value.text}
          aria-label="Problem statement"
          onChange={(e) => onChange({ kind: 'custom', text: e.target.value })}
        />
      )}
    </div>
  )
}
