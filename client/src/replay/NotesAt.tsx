import { memo } from 'react'

/**
 * The shared notes at instant t, read-only. Markdown headings are styled, the rest keeps its
 * whitespace: enough to read, without loading an editor for text nobody may change.
 */
export const NotesAt = memo(function NotesAt({ notes }: { notes: string }) {
  const lines = notes.split('\n')
  return (
    <section className="rp-card rp-notes" aria-label="Notes at this moment">
      <h2 className="rp-card-title">Notes</h2>
      <div className="rp-notes-body">
        {notes.trim() === '' ? (
          <p className="rp-muted">No notes yet.</p>
        ) : (
          lines.map((line, i) => {
            const heading = /^(#{1,6})\s+(.*)$/.exec(line)
            if (heading)
              return (
                <div key={i} className={`rp-note-h rp-note-h${heading[1]!.length}`}>
                  {heading[2]}
                </div>
              )
            return (
              <div key={i} className="rp-note-line">
                {line || '\u00a0'}
              </div>
            )
          })
        )}
      </div>
    </section>
  )
})
