import type { WorkspaceSession } from '@mockboard/shared'
import { useState } from 'react'

import type { WorkspaceApi } from '../api/workspaceApi'
import { listSessions } from '../lobby/sessionHistory'

interface Props {
  api: WorkspaceApi
  listed: readonly WorkspaceSession[]
  onAdded: () => void
}

/**
 * Sessions this browser ran as the interviewer that the workspace does not hold yet: one click adds
 * them all (the browser has their interviewer tokens; the server checks each).
 */
export function LocalSessionsCard({ api, listed, onAdded }: Props) {
  const [busy, setBusy] = useState(false)
  const [note, setNote] = useState<string | null>(null)
  const inWorkspace = new Set(listed.map((s) => s.id))
  const local = listSessions().filter((s) => s.role === 'interviewer' && !s.gone && !inWorkspace.has(s.id))
  if (local.length === 0 && !note) return null

  const addAll = async () => {
    setBusy(true)
    const results = await Promise.allSettled(local.map((s) => api.addSession(s.token)))
    const failed = results.filter((r) => r.status === 'rejected').length
    setNote(
      failed === 0
        ? `Added ${results.length} session${results.length === 1 ? '' : 's'}.`
        : `${failed} could not be added (expired, or in another workspace).`,
    )
    setBusy(false)
    onAdded()
  }

  return (
    <section
      className="mb-lobby__card mb-ws__local"
      aria-label="Sessions in this browser"
      data-testid="ws-local"
    >
      {local.length > 0 && (
        <>
          <p>
            <strong>
              {local.length} session{local.length === 1 ? '' : 's'} you ran in this browser
            </strong>{' '}
            <span className="mb-dim">are not in this workspace yet:</span>{' '}
            {local
              .slice(0, 3)
              .map((s) => s.title)
              .join(', ')}
            {local.length > 3 ? ', …' : ''}
          </p>
          <button
            type="button"
            className="mb-btn mb-btn--primary"
            disabled={busy}
            onClick={() => void addAll()}
            data-testid="ws-add-local"
          >
            {busy ? 'Adding…' : `Add ${local.length === 1 ? 'it' : `all ${local.length}`}`}
          </button>
        </>
      )}
      {note && <p className="mb-dim">{note}</p>}
    </section>
  )
}
