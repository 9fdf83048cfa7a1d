import type { KeyboardEvent } from 'react'
import type { Editor } from 'tldraw'

/**
 * After Enter (single-line fields) or Escape in a side-panel field, hands the keyboard back to the
 * board: otherwise the next shortcut (`a` for an arrow) would be typed into the field.
 */
export function returnFocusToBoard(editor: Editor | null, e: KeyboardEvent): void {
  if (!editor || e.nativeEvent.isComposing) return
  const target = e.target as HTMLElement
  const field = target.closest('input, textarea, select')
  if (!field) return
  const singleLine =
    field instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit'].includes(field.type)
  if (e.key === 'Escape' || (e.key === 'Enter' && singleLine)) {
    ;(field as HTMLElement).blur()
    editor.getContainer().focus()
    editor.focus()
  }
}
