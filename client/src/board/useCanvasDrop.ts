import { type DragEvent, useCallback } from 'react'
import type { Editor } from 'tldraw'

import { PALETTE_MIME, type PaletteItem, placeShape } from './placeShape'

function isPaletteDrag(e: DragEvent) {
  return Array.from(e.dataTransfer.types).includes(PALETTE_MIME)
}

/**
 * Capture-phase drop handlers for the canvas wrapper: palette drops become shapes where they
 * land, and never reach tldraw's own drop handler (files, URLs, text).
 */
export function useCanvasDrop(editor: Editor | null, enabled: boolean) {
  const onDragOverCapture = useCallback(
    (e: DragEvent) => {
      if (!editor || !enabled || !isPaletteDrag(e)) return
      e.preventDefault()
      e.stopPropagation()
      e.dataTransfer.dropEffect = 'copy'
    },
    [editor, enabled],
  )
  const onDropCapture = useCallback(
    (e: DragEvent) => {
      if (!editor || !enabled || !isPaletteDrag(e)) return
      e.preventDefault()
      e.stopPropagation()
      try {
        const item = JSON.parse(e.dataTransfer.getData(PALETTE_MIME)) as PaletteItem
        placeShape(editor, item, editor.screenToPage({ x: e.clientX, y: e.clientY }))
        editor.getContainer().focus()
      } catch {
        // a foreign drag that happened to use our MIME type: ignore it
      }
    },
    [editor, enabled],
  )
  return { onDragOverCapture, onDropCapture }
}
