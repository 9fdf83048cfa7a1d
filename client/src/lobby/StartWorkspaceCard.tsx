import { FolderKanban } from 'lucide-react'
import { useState } from 'react'

import { createWorkspace } from '../api/workspaceApi'

/** The way into a coach workspace: one click makes one and opens its link (to bookmark). */
export function StartWorkspaceCard() {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const start = () => {
    setBusy(true)
    setError(null)
    createWorkspace().then(
      (ws) => location.assign(ws.link),
      (err: unknown) => {
        setError(err instanceof Error ? err.message : String(err))
        setBusy(false)
      },
    )
  }
  return (
    <section className="mb-lobby__card mb-lobby__workspace" aria-label="Coach workspace">
      <h2>Coach workspace</h2>
      <p className="mb-dim">
        Keep every session you run on any device, and follow each candidate&apos;s progress across sessions.
        One private link, no account.
      </p>
      {error && (
        <p className="mb-err mb-lobby__server-error" role="alert">
          {error}
        </p>
      )}
      <button type="button" className="mb-btn" disabled={busy} onClick={start} data-testid="create-workspace">
        <FolderKanban size={14} />
        {busy ? 'Creating…' : 'Create a workspace'}
      </button>
    </section>
  )
}
