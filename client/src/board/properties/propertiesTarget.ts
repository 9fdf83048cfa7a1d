import type { Editor, TLArrowShape, TLShape } from 'tldraw'

import { SYSTEM_COMPONENT_TYPE, type SystemComponentShape } from '../../shapes/system-component/props'
import { SYSTEM_FRAME_TYPE, type SystemFrameShape } from '../../shapes/system-frame/props'

/** What the Properties tab edits for a selection, if anything. */
export type PropertiesTarget =
  | { kind: 'component'; shape: SystemComponentShape }
  | { kind: 'frame'; shape: SystemFrameShape }
  | { kind: 'arrows'; arrows: TLArrowShape[] }

/** One component, one frame, or only arrows: the selections the Properties tab has an editor for. */
export function propertiesTarget(selected: readonly TLShape[]): PropertiesTarget | null {
  const only = selected.length === 1 ? selected[0] : undefined
  if (only?.type === SYSTEM_COMPONENT_TYPE) return { kind: 'component', shape: only }
  if (only?.type === SYSTEM_FRAME_TYPE) return { kind: 'frame', shape: only }
  if (selected.length > 0 && selected.every((s) => s.type === 'arrow'))
    return { kind: 'arrows', arrows: selected as TLArrowShape[] }
  return null
}

/** The selected ids as one key when the selection has properties, '' otherwise. */
export function propertiesSelectionKey(editor: Editor): string {
  return propertiesTarget(editor.getSelectedShapes()) ? editor.getSelectedShapeIds().join(',') : ''
}
