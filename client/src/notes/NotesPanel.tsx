import '../lobby/theme.css'
import './notes.css'

import { Compartment, EditorState } from '@codemirror/state'
import { EditorView } from '@codemirror/view'
import { useEffect, useRef } from 'react'
import { yCollab } from 'y-codemirror.next'
import type { Awareness } from 'y-protocols/awareness'
import * as Y from 'yjs'

import { notesExtensions, readOnlyExtensions } from './notesExtensions.js'

export interface NotesPanelProps {
  /** The board doc's `BoardKeys.notes` text (seeded by the server; never seed it here). */
  ytext: Y.Text
  /**
   * The board provider's awareness. Remote carets show its `user` field ({ name, color }), the
   * same one the board's presence sets, so a person has one name and colour everywhere.
   */
  awareness: Awareness | null
  /** Observers, and everyone once the session ended. */
  readOnly: boolean
  placeholder?: string
  testId?: string
}

/** Shared markdown notes: CodeMirror 6 bound to a Y.Text, with remote cursors and selections. */
export function NotesPanel({
  ytext,
  awareness,
  readOnly,
  placeholder = 'Shared notes: requirements, estimates, API, data model…',
  testId = 'notes',
}: NotesPanelProps) {
  const host = useRef<HTMLDivElement>(null)
  const view = useRef<EditorView | null>(null)
  const editable = useRef(new Compartment())
  const readOnlyRef = useRef(readOnly)
  readOnlyRef.current = readOnly

  useEffect(() => {
    if (!host.current) return
    // Undo only this user's own typing, never a collaborator's.
    const undoManager = new Y.UndoManager(ytext)
    const state = EditorState.create({
      doc: ytext.toString(),
      extensions: [
        notesExtensions(placeholder),
        yCollab(ytext, awareness, { undoManager }),
        editable.current.of(readOnlyExtensions(readOnlyRef.current)),
      ],
    })
    const editor = new EditorView({ state, parent: host.current })
    view.current = editor
    return () => {
      editor.destroy()
      undoManager.destroy()
      view.current = null
    }
    // The placeholder is fixed per panel; re-creating the editor for it would drop the undo stack.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ytext, awareness])

  useEffect(() => {
    view.current?.dispatch({ effects: editable.current.reconfigure(readOnlyExtensions(readOnly)) })
    // A read-only editor must not keep showing this user's caret to others.
    if (readOnly) awareness?.setLocalStateField('cursor', null)
  }, [readOnly, awareness])

  return (
    <div
      className={`mb-notes ${readOnly ? 'is-readonly' : ''}`}
      data-testid={testId}
      data-readonly={readOnly}
    >
      {readOnly && <div className="mb-notes__banner">Read-only</div>}
      <div className="mb-notes__editor" ref={host} />
    </div>
  )
}
