import { type KeyboardEvent, useEffect, useRef, useState } from 'react'

interface Props {
  value: string
  onCommit: (value: string) => void
  placeholder?: string
  disabled?: boolean
  multiline?: boolean
  autoFocus?: boolean
  className?: string
  ariaLabel: string
  testId?: string
}

const IDLE_COMMIT_MS = 800

/**
 * A text field that writes to the shared doc after a pause, on Enter and on blur, not on every
 * keystroke: each write is a stored update, and whole-object replacements per key would bloat it.
 */
export function CommitInput({
  value,
  onCommit,
  placeholder,
  disabled,
  multiline,
  autoFocus,
  className,
  ariaLabel,
  testId,
}: Props) {
  const [draft, setDraft] = useState(value)
  const focused = useRef(false)
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)

  // Remote changes show up unless this user is mid-edit.
  useEffect(() => {
    if (!focused.current) setDraft(value)
  }, [value])

  const commit = (next: string) => {
    if (timer.current) clearTimeout(timer.current)
    timer.current = null
    if (next !== value) onCommit(next)
  }
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current)
    },
    [],
  )

  const change = (next: string) => {
    setDraft(next)
    if (timer.current) clearTimeout(timer.current)
    timer.current = setTimeout(() => commit(next), IDLE_COMMIT_MS)
  }
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && !multiline) {
      commit(draft)
      ;(e.target as HTMLElement).blur()
    }
  }
  const common = {
    className: `mb-input ${className ?? ''}`,
    value: draft,
    placeholder,
    disabled,
    autoFocus,
    'aria-label': ariaLabel,
    'data-testid': testId,
    onFocus: () => (focused.current = true),
    onBlur: () => {
      focused.current = false
      commit(draft)
    },
    onKeyDown,
  }
  return multiline ? (
    <textarea {...common} rows={2} onChange={(e) => change(e.target.value)} />
  ) : (
    <input {...common} onChange={(e) => change(e.target.value)} />
  )
}
