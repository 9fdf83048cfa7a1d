import { useEffect, useRef } from 'react'
import { stopEventPropagation } from 'tldraw'

interface Props {
  value: string
  placeholder: string
  onChange(value: string): void
  onDone(): void
  className: string
}

/** In-place label input shown while the shape is being edited (double-click or Enter). */
export function LabelEditor({ value, placeholder, onChange, onDone, className }: Props) {
  const ref = useRef<HTMLInputElement>(null)
  useEffect(() => {
    ref.current?.focus()
    ref.current?.select()
  }, [])
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
