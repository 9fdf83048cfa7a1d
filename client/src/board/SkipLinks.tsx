import type { Editor } from 'tldraw'

/** Matches the drawer breakpoint of styles/shell.css. */
const NARROW = '(max-width: 899px)'

/**
 * The first two Tab stops of the room: straight to the board, or to the timer's controls
 * (without them the timer was 57 Tab presses away, behind the palette's thirty buttons).
 */
export function SkipLinks({ editor, openPanel }: { editor: Editor | null; openPanel(): void }) {
  const toTimer = () => {
    // In the narrow layout the timer lives in the side drawer: open it first.
    if (matchMedia(NARROW).matches) openPanel()
    requestAnimationFrame(() => {
      const timer = document.querySelector<HTMLElement>('[data-testid="timer"]')
      const target =
        timer?.querySelector<HTMLElement>('.mb-timer__controls button:not(:disabled)') ??
        timer?.querySelector('button')
      target?.focus()
    })
  }
  return (
    <nav className="mb-skips" aria-label="Skip links">
      <a
        className="mb-skip"
        href="#board"
        onClick={(e) => {
          e.preventDefault()
          editor?.getContainer().focus()
          editor?.focus()
        }}
      >
        Skip to board
      </a>
      <a
        className="mb-skip"
        href="#timer"
        onClick={(e) => {
          e.preventDefault()
          toTimer()
        }}
      >
        Skip to timer
      </a>
    </nav>
  )
}
