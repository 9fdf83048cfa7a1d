import type { SessionHistory } from '@mockboard/shared'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type { Editor } from 'tldraw'

import type { SessionApi } from '../api/sessionApi'
import { BoardProjector } from './BoardProjector'
import type { BoardTimeline } from './BoardTimeline'
import type { BoardFrame, ControlFrame } from './decodeFrames'
import { fitCamera } from './fitCamera'
import { createReplayStore } from './ReplayBoard'
import { StateFeed } from './StateFeed'
import type { TimelineModel } from './timelineModel'

export interface BoardReplay {
  store: ReturnType<typeof createReplayStore>
  editor: Editor | null
  onEditor(editor: Editor): void
  notes: string
  control: ControlFrame | null
  shapeCount: number
  /** The board at the end of the session (for the report's diagram), once loaded. */
  finalFrame: BoardFrame | null
  error: string | null
  /** Share of the session the board can show without waiting (0..1). */
  loaded: number
  /** The board still shows an earlier instant while the one asked for is fetched. */
  catchingUp: boolean
}

/** How often the loading progress may redraw the page. */
const PROGRESS_EVERY_MS = 250

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err))

/**
 * Keeps the read-only board, notes and timer at instant `t`. The board comes from the log,
 * segment by segment (BoardTimeline, started by the page before tldraw mounted); the small control doc from `state?at=` (StateFeed). The
 * camera is fitted once to the final board, so the diagram grows inside a still frame. `root`
 * gets `data-shown-at` (the instant the board now shows) and `data-shapes`: a render marker
 * tests and the benchmark wait on.
 */
export function useBoardReplay(
  api: SessionApi,
  history: SessionHistory,
  timeline: BoardTimeline,
  model: TimelineModel,
  t: number,
  root: React.RefObject<HTMLElement | null>,
): BoardReplay {
  const store = useMemo(createReplayStore, [])
  const projector = useMemo(() => new BoardProjector(store), [store])
  const [editor, setEditor] = useState<Editor | null>(null)
  const [notes, setNotes] = useState('')
  const [control, setControl] = useState<ControlFrame | null>(null)
  const [shapeCount, setShapeCount] = useState(0)
  const [finalFrame, setFinalFrame] = useState<BoardFrame | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [loaded, setLoaded] = useState(0)
  const [catchingUp, setCatchingUp] = useState(false)
  const tRef = useRef(t)
  tRef.current = t
  const shownSeq = useRef<number | null>(null)
  const editorRef = useRef<Editor | null>(null)

  const markShown = useCallback(() => {
    const el = root.current
    if (!el || shownSeq.current === null) return
    if (timeline.seqAt(tRef.current) !== shownSeq.current) return
    if (el.dataset.shownAt === undefined) performance.mark('replay:shown')
    el.dataset.shownAt = String(Math.round(tRef.current))
    el.dataset.shapes = String(editorRef.current?.getCurrentPageShapeIds().size ?? 0)
  }, [root, timeline])

  // The loaded share redraws the whole view: at most a few times a second while segments stream
  // in (77 for the benchmark hour, each a render and a paint of the page), at once when done.
  const progressTimer = useRef<ReturnType<typeof setTimeout> | null>(null)
  const progress = useCallback(() => {
    const share = timeline.loadedShare
    if (share === 1 || share === 0) {
      if (progressTimer.current) clearTimeout(progressTimer.current)
      progressTimer.current = null
      setLoaded(share)
      return
    }
    progressTimer.current ??= setTimeout(() => {
      progressTimer.current = null
      setLoaded(timeline.loadedShare)
    }, PROGRESS_EVERY_MS)
  }, [timeline])
  useEffect(
    () => () => {
      if (progressTimer.current) clearTimeout(progressTimer.current)
    },
    [],
  )

  // Attached before the effects below ask for frames (effects run in order).
  useEffect(() => {
    timeline.attach({
      onFrame: (seq, frame) => {
        // A named measure per frame applied: visible in DevTools' performance panel (and read by
        // the replay benchmark) to tell store/render cost from network and build cost.
        const began = performance.now()
        projector.apply(frame)
        performance.measure('replay:apply', { start: began, end: performance.now() })
        shownSeq.current = seq
        setNotes(frame.notes)
        setShapeCount(editorRef.current?.getCurrentPageShapeIds().size ?? 0)
        setError(null)
        markShown()
      },
      onError: (err) => setError(messageOf(err)),
      onProgress: progress,
      onWaiting: setCatchingUp,
    })
    setLoaded(timeline.loadedShare)
  }, [timeline, projector, markShown, progress])

  const feed = useMemo(
    () => new StateFeed(api, history.updates, setControl, (err) => setError(messageOf(err))),
    [api, history],
  )
  useEffect(() => {
    feed.activate()
    return () => feed.dispose()
  }, [feed])

  const onEditor = useCallback((e: Editor) => {
    editorRef.current = e
    performance.mark('replay:editor')
    setEditor(e)
  }, [])

  // The final board is fetched while tldraw mounts: it frames the camera and feeds the report.
  useEffect(() => {
    let live = true
    timeline.load(model.end).then(
      (frame) => {
        performance.mark('replay:final')
        if (live) setFinalFrame(frame)
      },
      (err: unknown) => live && setError(messageOf(err)),
    )
    return () => {
      live = false
    }
  }, [timeline, model.end])

  // The camera is fitted once to the final board, then the board goes back to instant t.
  const fitted = useRef(false)
  useEffect(() => {
    if (!editor || !finalFrame || fitted.current) return
    fitted.current = true
    projector.apply(finalFrame)
    fitCamera(editor)
    timeline.show(tRef.current, { redraw: true })
    // The frame after this one is the first with the board drawn in its final frame.
    requestAnimationFrame(() => setTimeout(() => performance.mark('replay:drawn'), 0))
  }, [editor, finalFrame, projector, timeline])

  useEffect(() => {
    if (!finalFrame) return
    timeline.show(t)
    feed.show(t)
    markShown()
  }, [t, finalFrame, timeline, feed, markShown])

  return { store, editor, onEditor, notes, control, shapeCount, finalFrame, error, loaded, catchingUp }
}
