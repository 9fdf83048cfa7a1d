import { useEffect, useRef } from 'react'
import { type Editor, useValue } from 'tldraw'

import { propertiesSelectionKey } from './propertiesTarget'

/**
 * Calls `show` when this user selects something the Properties tab edits. Selection is local
 * tldraw instance state (others' selections arrive only as presence), so a remote participant's
 * selecting never switches this panel; and it fires on a change of selection only, so the user can
 * still switch to another tab while a component stays selected.
 */
export function useShowPropertiesOnSelect(editor: Editor | null, show: () => void): void {
  const key = useValue('properties selection', () => (editor ? propertiesSelectionKey(editor) : ''), [editor])
  const latestShow = useRef(show)
  latestShow.current = show
  useEffect(() => {
    if (key) latestShow.current()
  }, [key])
}
