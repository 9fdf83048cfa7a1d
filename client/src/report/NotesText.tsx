/** Markdown notes as readable text: headings styled, lines kept, nothing executed. */
export function NotesText({ text, empty }: { text: string; empty: string }) {
  if (!text.trim()) return <p className="rr-muted">{empty}</p>
  // Section headings with nothing under them are the untouched template: leave them out.
  const blocks = text.split(/\n(?=#{1,6}\s)/).filter((b) => b.replace(/^#{1,6}\s.*$/m, '').trim() !== '')
  if (blocks.length === 0) return <p className="rr-muted">{empty}</p>
  return (
    <div className="rr-notes">
      {blocks.map((block, i) => {
        const [first = '', ...rest] = block.split('\n')
        const heading = /^#{1,6}\s+(.*)$/.exec(first)
        return (
          <div key={i} className="rr-note-block">
            {heading ? <h3>{heading[1]}</h3> : <p>{first}</p>}
            {rest.join('\n').trim() && <p>{rest.join('\n').trim()}</p>}
          </div>
        )
      })}
    </div>
  )
}
