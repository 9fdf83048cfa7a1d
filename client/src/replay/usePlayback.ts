import { useCallback, useEffect, useRef, useState } from 'react'

import { skipIdle, type TimelineModel } from './timelineModel'

export const SPEEDS = [1, 2, 4, 8, 16] as const
export type Speed = (typeof SPEEDS)[number]

export interface Playback {
  /** The instant shown, server epoch ms. */
  t: number
  playing: boolean
  speed: Speed
  skipIdle: boolean
  seek(t: number): void
  play(): void
  pause(): void
  toggle(): void
  setSpeed(speed: Speed): void
  setSkipIdle(on: boolean): void
}

/**
 * The replay clock: session time advances by wall time × speed on animation frames, jumping idle
 * gaps when asked, and stops at the end. Seeking clamps to the session.
 */
export function usePlayback(model: TimelineModel | null, initial: number | null): Playback {
  const [t, setT] = useState<number>(initial ?? 0)
  const [playing, setPlaying] = useState(false)
  const [speed, setSpeed] = useState<Speed>(4)
  const [skip, setSkip] = useState(true)
  const tRef = useRef(t)

  const seek = useCallback(
    (next: number) => {
      if (!model) return
      const clamped = Math.min(model.end, Math.max(model.start, next))
      tRef.current = clamped
      setT(clamped)
    },
    [model],
  )

  useEffect(() => {
    if (initial !== null) seek(initial)
  }, [initial, seek])

  useEffect(() => {
    if (!playing || !model) return
    let frame = 0
    let last = performance.now()
    const tick = (now: number) => {
      let next = tRef.current + (now - last) * speed
      last = now
      if (skip) next = skipIdle(model, next)
      if (next >= model.end) {
        seek(model.end)
        setPlaying(false)
        return
      }
      seek(next)
      frame = requestAnimationFrame(tick)
    }
    frame = requestAnimationFrame(tick)
    return () => cancelAnimationFrame(frame)
  }, [playing, speed, skip, model, seek])

  const play = useCallback(() => {
    // Playing from the very end starts over, as every media player does.
    if (model && tRef.current >= model.end) seek(model.start)
    setPlaying(true)
  }, [model, seek])
  const pause = useCallback(() => setPlaying(false), [])
  const toggle = useCallback(() => (playing ? pause() : play()), [playing, pause, play])

  return { t, playing, speed, skipIdle: skip, seek, play, pause, toggle, setSpeed, setSkipIdle: setSkip }
}
