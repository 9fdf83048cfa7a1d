import { useEffect, useRef } from 'react'

import { nextMark, previousMark, type TimelineModel } from './timelineModel'
import { type Playback, SPEEDS } from './usePlayback'

/** How far ← / → move, in session time. */
export const STEP_MS = 5_000

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
 * Space play/pause · ←/→ step · shift+←/→ previous/next phase or bookmark · Home/End · 1–5 speed.
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
          p.seek(e.shiftKey ? previousMark(model, p.t) : p.t - STEP_MS)
          break
        case 'ArrowRight':
          p.seek(e.shiftKey ? nextMark(model, p.t) : p.t + STEP_MS)
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
