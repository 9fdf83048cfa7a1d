import '../lobby/theme.css'
import './notes.css'

import { Chunk } from '../ui/Chunk'
import type { NotesPanelProps } from './NotesPanel.js'

// CodeMirror stays out of the board's critical JS: it loads when the Notes tab first renders.
const loadNotes = () => import('./NotesPanel.js')

/** The notes panel, loaded on demand. */
export function LazyNotesPanel(props: NotesPanelProps) {
  return (
    <Chunk
      load={loadNotes}
      fallback={<div className="mb-notes mb-notes--loading">Loading notes…</div>}
      failed={
        <div className="mb-notes mb-notes--loading">Couldn’t load the notes editor: reload the page.</div>
      }
    >
      {({ NotesPanel }) => <NotesPanel {...props} />}
    </Chunk>
  )
}
