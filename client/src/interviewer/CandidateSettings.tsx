import { WORKSPACE_LIMITS } from '@mockboard/shared'
import type { SessionCandidate } from '@mockboard/shared/http'
import { type FormEvent, useEffect, useMemo, useState } from 'react'

import { createSessionApi } from '../api/sessionApi'

interface Props {
  sessionId: string
  token: string
}

/** Known names shown as one-click choices; the rest are in the field's suggestions. */
const MAX_CHIPS = 8

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err))

/**
 * Who is interviewed (`PUT …/candidate`), with the workspace's known candidates offered: the name
 * the workspace's progress pages group sessions by, so a typo there splits a candidate in two.
 */
export function CandidateSettings({ sessionId, token }: Props) {
  const api = useMemo(() => createSessionApi(sessionId, token), [sessionId, token])
  const [stored, setStored] = useState<SessionCandidate | null>(null)
  const [draft, setDraft] = useState('')
  const [status, setStatus] = useState<{ error: boolean; text: string } | null>(null)
  const [busy, setBusy] = useState(false)

  useEffect(() => {
    let live = true
    api.candidate().then(
      (c) => {
        if (!live) return
        setStored(c)
        setDraft(c.candidate)
      },
      (err: unknown) =>
        live && setStatus({ error: true, text: `Could not read the candidate: ${messageOf(err)}` }),
    )
    return () => {
      live = false
    }
  }, [api])

  const save = async (name: string) => {
    if (!stored || busy || name.trim() === stored.candidate) return
    setBusy(true)
    setStatus(null)
    try {
      const candidate = await api.setCandidate(name)
      const known =
        stored.inWorkspace && candidate ? [...new Set([...stored.known, candidate])].sort() : stored.known
      setStored({ ...stored, candidate, known })
      setDraft(candidate)
      setStatus({ error: false, text: candidate ? `Saved: ${candidate}` : 'Saved: no candidate named' })
    } catch (err) {
      setStatus({ error: true, text: `Not saved: ${messageOf(err)}` })
    } finally {
      setBusy(false)
    }
  }
  const submit = (e: FormEvent) => {
    e.preventDefault()
    void save(draft)
  }

  const chips = (stored?.known ?? []).slice(0, MAX_CHIPS)
  return (
    <form className="mb-iv__candidate" onSubmit={submit} data-testid="candidate-settings">
      <div className="mb-iv__candidate-row">
        <input
          className="mb-input"
          value={draft}
          maxLength={WORKSPACE_LIMITS.maxCandidate}
          list="mb-iv-known-candidates"
          placeholder="Who is interviewed"
          aria-label="Candidate"
          disabled={!stored}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={(e) => {
            // Handled here: the form's implicit submit on Enter did not fire inside the panel (browser test).
            if (e.key !== 'Enter') return
            e.preventDefault()
            void save(draft)
          }}
          data-testid="candidate-name"
        />
        <button
          type="submit"
          className="mb-btn mb-btn--sm"
          disabled={!stored || busy || draft.trim() === stored.candidate}
          data-testid="candidate-save"
        >
          Save
        </button>
      </div>
      <datalist id="mb-iv-known-candidates">
        {(stored?.known ?? []).map((c) => (
          <option key={c} value={c} />
        ))}
      </datalist>
      {chips.length > 0 && (
        <div
          className="mb-chips mb-iv__candidate-known"
          aria-label="Known candidates"
          data-testid="candidate-known"
        >
          {chips.map((c) => (
            <button
              key={c}
              type="button"
              className={`mb-chip${c === stored?.candidate ? ' mb-chip--active' : ''}`}
              aria-pressed={c === stored?.candidate}
              disabled={busy}
              onClick={() => {
                setDraft(c)
                void save(c)
              }}
            >
              {c}
            </button>
          ))}
        </div>
      )}
      {status && (
        <p
          className={status.error ? 'mb-err mb-iv__candidate-status' : 'mb-dim mb-iv__candidate-status'}
          role={status.error ? 'alert' : 'status'}
          data-testid="candidate-status"
        >
          {status.text}
        </p>
      )}
    </form>
  )
}
