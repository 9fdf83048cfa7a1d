import { useEffect, useRef } from 'react'

import { nextMark, previousMark, type TimelineModel } from './timelineModel'
import { type Playback, SPEEDS } from './usePlayback'

/** How far ← / → move, in session time. */
export const STEP_MS = 5_000
/** How far shift+← / shift+→ move. */
export const BIG_STEP_MS = 60_000

/** The shortcuts, as the transport's help lists them. */
export const REPLAY_KEYS: readonly (readonly [keys: string, what: string])[] = [
  ['Space', 'play / pause'],
  ['← →', '5 seconds back / forward'],
  ['Shift+← →', '1 minute back / forward'],
  ['[ ]', 'previous / next phase, bookmark or finding'],
  ['Home End', 'start / end'],
  ['1–5', 'speed 1× to 16×'],
]

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  if (target.isContentEditable) return true
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true
  return (
    target instanceof HTMLInputElement &&
    target.type !== 'range' &&
    target.type !== 'checkbox' &&
    target.type !== 'button'
  )
}

/**
 * Space play/pause · ←/→ 5 s · shift+←/→ 1 min · [/] previous/next phase or bookmark · Home/End · 1–5 speed.
 * Listens in the capture phase so the canvas (which pans on space) and the focused scrubber
 * (which steps by one unit) don't also act on them.
 */
export function useReplayKeys(model: TimelineModel | null, playback: Playback): void {
  const latest = useRef(playback)
  latest.current = playback
  useEffect(() => {
    if (!model) return
    const onKey = (e: KeyboardEvent) => {
      if (e.metaKey || e.ctrlKey || e.altKey || isTyping(e.target)) return
      const p = latest.current
      let handled = true
      switch (e.key) {
        case ' ':
          p.toggle()
          break
        case 'ArrowLeft':
          p.seek(p.t - (e.shiftKey ? BIG_STEP_MS : STEP_MS))
          break
        case 'ArrowRight':
          p.seek(p.t + (e.shiftKey ? BIG_STEP_MS : STEP_MS))
          break
        case '[':
          p.seek(previousMark(model, p.t))
          break
        case ']':
          p.seek(nextMark(model, p.t))
          break
        case 'Home':
          p.seek(model.start)
          break
        case 'End':
          p.seek(model.end)
          break
        default: {
          const speed = SPEEDS[Number(e.key) - 1]
          if (speed && !e.shiftKey) p.setSpeed(speed)
          else handled = false
        }
      }
      if (!handled) return
      e.preventDefault()
      e.stopPropagation()
    }
    window.addEventListener('keydown', onKey, { capture: true })
    return () => window.removeEventListener('keydown', onKey, { capture: true })
  }, [model])
}
