import { type Bookmark, formatSessionTime, type Phase } from '@mockboard/shared'
import { Trash2 } from 'lucide-react'

import { CommitInput } from './CommitInput.js'

interface Props {
  bookmarks: Bookmark[]
  plan: readonly Phase[]
  /** When the interview started (server time); times are shown relative to it. */
  startedAt: number | null
  /** The bookmark whose label field should take focus (the one just added). */
  focusId: string | null
  readOnly: boolean
  onRename: (id: string, label: string) => void
  onRemove: (id: string) => void
}

/** Newest first: during a session the moment just marked is the one being labelled. */
export function BookmarkList({ bookmarks, plan, startedAt, focusId, readOnly, onRename, onRemove }: Props) {
  if (bookmarks.length === 0) {
    return (
      <p className="mb-iv__empty">
        No bookmarks yet. Press <kbd>B</kbd> to mark a moment worth discussing later.
      </p>
    )
  }
  return (
    <ol className="mb-iv__bookmarks" data-testid="bookmarks">
      {[...bookmarks].reverse().map((b) => (
        <li key={b.id} className="mb-iv__bookmark">
          <span className="mb-iv__bm-time" title={new Date(b.at).toLocaleTimeString()}>
            {formatSessionTime(b.at, startedAt)}
          </span>
          <div className="mb-iv__bm-body">
            <CommitInput
              className="mb-iv__bm-label"
              value={b.label}
              placeholder="Add a label…"
              ariaLabel="Bookmark label"
              testId="bookmark-label"
              autoFocus={b.id === focusId}
              disabled={readOnly}
              onCommit={(label) => onRename(b.id, label)}
            />
            <span className="mb-iv__bm-phase">{plan[b.phaseIndex]?.name ?? `Phase ${b.phaseIndex + 1}`}</span>
          </div>
          {!readOnly && (
            <button
              className="mb-btn mb-btn--ghost mb-btn--sm mb-btn--icon"
              aria-label="Delete bookmark"
              title="Delete"
              onClick={() => onRemove(b.id)}
            >
              <Trash2 size={14} />
            </button>
          )}
        </li>
      ))}
    </ol>
  )
}
