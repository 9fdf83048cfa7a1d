import { useValue, type Editor, type TLArrowShape } from 'tldraw'
import { SYSTEM_COMPONENT_TYPE, type SystemComponentShape } from '../../shapes/system-component/props'
import { SYSTEM_FRAME_TYPE, type SystemFrameShape } from '../../shapes/system-frame/props'
import { ArrowProperties } from './ArrowProperties'
import { BoardSummary } from './BoardSummary'
import { ComponentProperties } from './ComponentProperties'
import { FrameProperties } from './FrameProperties'

/** Picks the editor for the current selection. */
export function PropertiesPanel({ editor, readonly }: { editor: Editor; readonly: boolean }) {
  const selected = useValue('selected shapes', () => editor.getSelectedShapes(), [editor])
  const only = selected.length === 1 ? selected[0] : undefined
  if (only?.type === SYSTEM_COMPONENT_TYPE) return <ComponentProperties editor={editor} shape={only as SystemComponentShape} readonly={readonly} />
  if (only?.type === SYSTEM_FRAME_TYPE) return <FrameProperties editor={editor} shape={only as SystemFrameShape} readonly={readonly} />
  if (selected.length > 0 && selected.every((s) => s.type === 'arrow'))
    return <ArrowProperties editor={editor} arrows={selected as TLArrowShape[]} readonly={readonly} />
  if (selected.length > 1) return <div className="mb-props mb-props--empty"><p className="mb-muted">{selected.length} shapes selected.</p></div>
  return <BoardSummary editor={editor} />
}
