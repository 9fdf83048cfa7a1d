import { DefaultStylePanel, type TLUiStylePanelProps, useEditor, useValue } from 'tldraw'

import { SYSTEM_COMPONENT_TYPE } from '../shapes/system-component/props'
import { SYSTEM_FRAME_TYPE } from '../shapes/system-frame/props'

/** Our shapes are edited in the Properties tab; tldraw's styles don't apply to them. */
const OWN_TYPES: ReadonlySet<string> = new Set([SYSTEM_COMPONENT_TYPE, SYSTEM_FRAME_TYPE])

/** Tools that draw a native shape: picking its colour before drawing needs the panel. */
const DRAWING_TOOLS: ReadonlySet<string> = new Set([
  'draw',
  'geo',
  'arrow',
  'line',
  'text',
  'note',
  'highlight',
  'frame',
])

/**
 * tldraw's style panel, shown only while it has something to style: a selected native shape, or
 * a native drawing tool in hand. With nothing selected it used to sit over the board's top right.
 */
export function SelectionStylePanel(props: TLUiStylePanelProps) {
  const editor = useEditor()
  const relevant = useValue(
    'style panel relevant',
    () => {
      const selected = editor.getSelectedShapes()
      if (selected.length > 0) return selected.some((s) => !OWN_TYPES.has(s.type))
      return DRAWING_TOOLS.has(editor.getCurrentToolId())
    },
    [editor],
  )
  // The phone layout opens it from a toolbar button: the user asked for it there.
  if (!relevant && !props.isMobile) return null
  return <DefaultStylePanel {...props} />
}
