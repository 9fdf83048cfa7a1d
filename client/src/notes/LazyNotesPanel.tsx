import '../lobby/theme.css'
import './notes.css'

import { lazy, Suspense } from 'react'

import type { NotesPanelProps } from './NotesPanel.js'

// CodeMirror stays out of the board's critical JS: it loads when the Notes tab first renders.
const NotesPanel = lazy(() => import('./NotesPanel.js').then((m) => ({ default: m.NotesPanel })))

/** The notes panel, loaded on demand. */
export function LazyNotesPanel(props: NotesPanelProps) {
  return (
    <Suspense fallback={<div className="mb-notes mb-notes--loading">Loading notes…</div>}>
      <NotesPanel {...props} />
    </Suspense>
  )
}
