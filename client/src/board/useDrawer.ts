import { useCallback, useEffect, useState } from 'react'
import type { Editor } from 'tldraw'

import type { Drawer } from './TopBar'

/**
 * The open drawer of the narrow layout (none by default: the board comes first on a phone).
 * Escape closes it and hands the keyboard back to the board.
 */
export function useDrawer(editor: Editor | null): [Drawer, (d: Drawer) => void] {
  const [drawer, setDrawer] = useState<Drawer>(null)
  const set = useCallback((next: Drawer) => setDrawer(next), [])
  useEffect(() => {
    if (!drawer) return
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return
      setDrawer(null)
      editor?.getContainer().focus()
    }
    // Capture: a field inside the drawer may stop Escape from bubbling.
    window.addEventListener('keydown', onKey, true)
    return () => window.removeEventListener('keydown', onKey, true)
  }, [drawer, editor])
  return [drawer, set]
}
