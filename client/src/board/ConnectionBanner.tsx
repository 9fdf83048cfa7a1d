import { AlertTriangle, RotateCw } from 'lucide-react'

import type { FatalClose } from '../sync/connectionState'

/**
 * The server refused a document for good (FATAL_CLOSE_CODES): say what happened in plain words
 * and offer the only fix, a reload from the saved state. The board stays visible, read-only.
 */
export function ConnectionBanner({ fatal }: { fatal: FatalClose }) {
  return (
    <div className="mb-banner" role="alert" data-testid="connection-banner" data-code={fatal.code}>
      <AlertTriangle size={16} aria-hidden className="mb-banner__icon" />
      <div className="mb-banner__text">
        <strong>{fatal.title}</strong>
        <span>{fatal.message}</span>
      </div>
      <button type="button" className="mb-button mb-banner__action" onClick={() => location.reload()}>
        <RotateCw size={14} aria-hidden />
        Reload
      </button>
    </div>
  )
}
