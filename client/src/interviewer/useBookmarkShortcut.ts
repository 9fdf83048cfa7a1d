import { useEffect, useRef } from 'react'

import { isTypingTarget } from './isTypingTarget.js'

/**
 * `B` drops a bookmark while the interviewer is not typing; Ctrl/⌘+Shift+B works even in an
 * editor. Listens in the capture phase so the board's own shortcuts never swallow it.
 */
export function useBookmarkShortcut(enabled: boolean, onBookmark: () => void): void {
  const callback = useRef(onBookmark)
  callback.current = onBookmark
  useEffect(() => {
    if (!enabled) return
    const onKey = (e: KeyboardEvent) => {
      if (e.repeat || e.key.toLowerCase() !== 'b') return
      const chord = (e.ctrlKey || e.metaKey) && e.shiftKey && !e.altKey
      const bare = !e.ctrlKey && !e.metaKey && !e.altKey && !e.shiftKey && !isTypingTarget(e.target)
      if (!chord && !bare) return
      e.preventDefault()
      e.stopPropagation()
      callback.current()
    }
    window.addEventListener('keydown', onKey, true)
    return () => window.removeEventListener('keydown', onKey, true)
  }, [enabled])
}
