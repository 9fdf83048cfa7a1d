import { useEffect, useRef } from 'react'
import { stopEventPropagation, useEditor } from 'tldraw'

interface Props {
  value: string
  placeholder: string
  onChange(value: string): void
  onDone(): void
  className: string
}

/** In-place label input shown while the shape is being edited (double-click or Enter). */
export function LabelEditor({ value, placeholder, onChange, onDone, className }: Props) {
  const editor = useEditor()
  const ref = useRef<HTMLInputElement>(null)
  useEffect(() => {
    const focus = () => {
      ref.current?.focus()
      ref.current?.select()
    }
    // tldraw starts editing on the second pointerdown of a double-click; that press's mousedown
    // comes after and its default action focuses the canvas container, taking the focus (and the
    // typing) away from this input. So when a pointer is still down, focus once it is released.
    if (!editor.inputs.getIsPointing()) return focus()
    const doc = editor.getContainer().ownerDocument
    doc.addEventListener('pointerup', focus, { capture: true, once: true })
    return () => doc.removeEventListener('pointerup', focus, { capture: true })
  }, [editor])
  return (
    <input
      ref={ref}
      className={className}
      value={value}
      placeholder={placeholder}
      aria-label="Component label"
      maxLength={80}
      onChange={(e) => onChange(e.currentTarget.value)}
      onKeyDown={(e) => {
        // The canvas would otherwise treat typed keys as tool shortcuts.
        e.stopPropagation()
        if (e.key === 'Enter' || e.key === 'Escape') onDone()
      }}
      onPointerDown={stopEventPropagation}
    />
  )
}
