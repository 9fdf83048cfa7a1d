import { type Editor, useValue } from 'tldraw'

import { ArrowProperties } from './ArrowProperties'
import { BoardSummary } from './BoardSummary'
import { ComponentProperties } from './ComponentProperties'
import { FrameProperties } from './FrameProperties'
import { propertiesTarget } from './propertiesTarget'

/** Picks the editor for the current selection. */
export function PropertiesPanel({ editor, readonly }: { editor: Editor; readonly: boolean }) {
  const selected = useValue('selected shapes', () => editor.getSelectedShapes(), [editor])
  const target = propertiesTarget(selected)
  if (target?.kind === 'component')
    return <ComponentProperties editor={editor} shape={target.shape} readonly={readonly} />
  if (target?.kind === 'frame')
    return <FrameProperties editor={editor} shape={target.shape} readonly={readonly} />
  if (target?.kind === 'arrows')
    return <ArrowProperties editor={editor} arrows={target.arrows} readonly={readonly} />
  if (selected.length > 1)
    return (
      <div className="mb-props mb-props--empty">
        <p className="mb-muted">{selected.length} shapes selected.</p>
      </div>
    )
  return <BoardSummary editor={editor} />
}
