import { Download } from 'lucide-react'
import { useRef } from 'react'
import { type Editor, exportAs, type TLExportType, useValue } from 'tldraw'

/** PNG/SVG of the whole board or of the selection, rendered by tldraw in the browser. */
export function ExportMenu({ editor, title }: { editor: Editor; title: string }) {
  const ref = useRef<HTMLDetailsElement>(null)
  const hasSelection = useValue('has selection', () => editor.getSelectedShapeIds().length > 0, [editor])
  const isEmpty = useValue('board empty', () => editor.getCurrentPageShapeIds().size === 0, [editor])
  const run = (format: TLExportType, scope: 'board' | 'selection') => {
    ref.current?.removeAttribute('open')
    const ids =
      scope === 'selection' ? editor.getSelectedShapeIds() : Array.from(editor.getCurrentPageShapeIds())
    const name = `${title || 'mockboard'}${scope === 'selection' ? ' (selection)' : ''}`.replace(
      /[^\w\- ()]+/g,
      '_',
    )
    void exportAs(editor, ids, { format, name, background: true, padding: 32 })
  }
  return (
    <details className="mb-menu" ref={ref}>
      <summary className="mb-button" aria-label="Export">
        <Download size={15} aria-hidden /> Export
      </summary>
      <div className="mb-menu__list" role="menu">
        <button role="menuitem" type="button" disabled={isEmpty} onClick={() => run('png', 'board')}>
          Board as PNG
        </button>
        <button role="menuitem" type="button" disabled={isEmpty} onClick={() => run('svg', 'board')}>
          Board as SVG
        </button>
        <hr />
        <button
          role="menuitem"
          type="button"
          disabled={!hasSelection}
          onClick={() => run('png', 'selection')}
        >
          Selection as PNG
        </button>
        <button
          role="menuitem"
          type="button"
          disabled={!hasSelection}
          onClick={() => run('svg', 'selection')}
        >
          Selection as SVG
        </button>
      </div>
    </details>
  )
}
