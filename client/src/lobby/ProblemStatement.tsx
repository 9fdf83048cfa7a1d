import './problem.css'

import { problemById, type SessionInfo } from '@mockboard/shared'
import { ChevronDown, ChevronRight } from 'lucide-react'
import { useState } from 'react'

/**
 * The session's problem, visible to everyone: one line (its title) until expanded, so the side
 * panel's tabs keep the height. A library problem shows its brief and scale figures; a free-form
 * one shows the text as written.
 */
export function ProblemStatement({ info }: { info: Pick<SessionInfo, 'problem' | 'problemId'> }) {
  const [open, setOpen] = useState(false)
  const library = info.problemId ? problemById(info.problemId) : undefined
  const text = info.problem.trim()
  const heading = library?.title ?? (text.split('\n')[0] || 'No problem set')
  const body = library ? null : text.split('\n').slice(1).join('\n').trim()

  return (
    <section className={`mb-problem${open ? ' is-open' : ''}`} data-testid="problem">
      <button
        type="button"
        className="mb-problem__toggle"
        aria-expanded={open}
        title={open ? undefined : heading}
        onClick={() => setOpen(!open)}
      >
        {open ? <ChevronDown size={14} /> : <ChevronRight size={14} />}
        <span className="mb-problem__label">Problem</span>
        <span className="mb-problem__title">{heading}</span>
      </button>
      {open && (
        <div className="mb-problem__body">
          {library ? (
            <>
              <p>{library.brief}</p>
              <ul className="mb-problem__scale" aria-label="Scale">
                {library.scale.map((s) => (
                  <li key={s}>{s}</li>
                ))}
              </ul>
            </>
          ) : body ? (
            <p className="mb-problem__free">{body}</p>
          ) : !text ? (
            <p className="mb-dim">Agree on a problem together, or note it in the shared notes.</p>
          ) : null}
        </div>
      )}
    </section>
  )
}
