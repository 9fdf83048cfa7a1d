import type { SessionHistory } from '@mockboard/shared'
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react'
import type { Editor } from 'tldraw'

import type { SessionApi } from '../api/sessionApi'
import { BoardProjector } from './BoardProjector'
import type { BoardTimeline } from './BoardTimeline'
import type { BoardFrame, ControlFrame } from './decodeFrames'
import { fitCamera } from './fitCamera'
import { FramePainter, type View } from './paint/FramePainter'
import { StateFeed } from './StateFeed'
import type { TimelineModel } from './timelineModel'

export interface BoardReplay {
  editor: Editor | null
  onEditor(editor: Editor): void
  /** The frame painter's canvas, over tldraw's board. */
  canvasRef(canvas: HTMLCanvasElement | null): void
  /** A first instant is on screen (painted, before tldraw has mounted). */
  painted: boolean
  /** Brings tldraw to the instant shown (`now`: at once, before an export reads it). */
  settle(now?: boolean): void
  /** Paints again (the colour mode changed). */
  repaint(): void
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

/**
 * A frame that changes more records than this is painted on the canvas first and handed to
 * tldraw once the timeline rests; fewer (playing, a short step) go to tldraw straight away, which
 * redraws just those shapes within the frame.
 */
const TLDRAW_STEP_RECORDS = 24
/** How long the timeline must rest before tldraw catches up with a large change. */
const SETTLE_MS = 250
/** Records tldraw takes per turn while it catches up (each a shape to lay out and paint). */
const SETTLE_SLICE_RECORDS = 40
/** How often the loading progress may redraw the page. */
const PROGRESS_EVERY_MS = 250

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err))

/**
 * Keeps the read-only board, notes and timer at instant `t`. The board comes from the log,
 * segment by segment (BoardTimeline, started by the page before any board code loaded); the small
 * control doc from `state?at=` (StateFeed). Two renderers show it: the frame painter draws any
 * instant on a canvas in milliseconds (opening, seeks, drags), and tldraw, mounted underneath once
 * the first instant is on screen, takes over when the timeline rests (or at once for small
 * steps, as in playback) and the canvas is hidden after tldraw has painted. The camera is fitted
 * once to the final board, so the diagram grows inside a still frame. `root` gets
 * `data-shown-at` (the instant on screen) and `data-shapes`: a render marker tests and the
 * benchmark wait on; `data-renderer` says which of the two shows it.
 */
export function useBoardReplay(
  api: SessionApi,
  history: SessionHistory,
  timeline: BoardTimeline,
  model: TimelineModel,
  t: number,
  playing: boolean,
  root: React.RefObject<HTMLElement | null>,
): BoardReplay {
  const [editor, setEditor] = useState<Editor | null>(null)
  const [notes, setNotes] = useState('')
  const [control, setControl] = useState<ControlFrame | null>(null)
  const [shapeCount, setShapeCount] = useState(0)
  const [finalFrame, setFinalFrame] = useState<BoardFrame | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [loaded, setLoaded] = useState(0)
  const [catchingUp, setCatchingUp] = useState(false)
  const [painted, setPainted] = useState(false)
  const tRef = useRef(t)
  tRef.current = t
  const playingRef = useRef(playing)
  playingRef.current = playing
  /** The instant on screen, and what tldraw shows (it lags while the canvas covers it). */
  const latest = useRef<{ seq: number; frame: BoardFrame } | null>(null)
  const tldrawSeq = useRef<number | null>(null)
  const editorRef = useRef<Editor | null>(null)
  const projector = useRef<BoardProjector | null>(null)
  const painter = useRef<FramePainter | null>(null)
  const canvas = useRef<HTMLCanvasElement | null>(null)
  /** The painter's camera until tldraw's is fitted: the final board's fit, as tldraw will get. */
  const ownView = useRef<View | null>(null)
  const settleTimer = useRef<ReturnType<typeof setTimeout> | null>(null)
  const firstPaint = useRef<number | null>(null)
  /** Counts frames painted on the canvas: a catch-up in slices stops when the timeline moves. */
  const moves = useRef(0)

  /** Which renderer drew the instant on screen, and the shapes on its page. */
  const drawn = useRef<{ renderer: 'canvas' | 'tldraw'; shapes: number }>({ renderer: 'canvas', shapes: 0 })
  const markShown = useCallback(
    (renderer = drawn.current.renderer, shapes = drawn.current.shapes) => {
      drawn.current = { renderer, shapes }
      const el = root.current
      if (!el || !latest.current) return
      if (timeline.seqAt(tRef.current) !== latest.current.seq) return
      if (el.dataset.shownAt === undefined) performance.mark('replay:shown')
      el.dataset.shownAt = String(Math.round(tRef.current))
      el.dataset.shapes = String(shapes)
      el.dataset.renderer = renderer
      setShapeCount(shapes)
    },
    [root, timeline],
  )

  const showCanvas = (visible: boolean) => {
    if (canvas.current) canvas.current.style.visibility = visible ? 'visible' : 'hidden'
  }
  const canvasShown = () => canvas.current?.style.visibility !== 'hidden'
  const isDark = () => root.current?.classList.contains('mb-dark') ?? false
  const editorView = (): View | null => {
    const e = editorRef.current
    return e ? { camera: e.getCamera(), pageId: e.getCurrentPageId() } : null
  }

  /** The painter, made on first use (the page's root and the canvas are both in by then). */
  const painterOf = useCallback((): FramePainter | null => {
    if (!painter.current && canvas.current && root.current)
      painter.current = new FramePainter(canvas.current, root.current)
    return painter.current
  }, [root])

  /** Paints the latest frame on the canvas and shows it; returns the page's shape count. */
  const paintCanvas = useCallback((): number => {
    const p = painterOf()
    const shown = latest.current
    if (!p || !shown) return 0
    const shapes = p.paint(shown.frame, editorView() ?? ownView.current, isDark())
    showCanvas(true)
    return shapes
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  /** Paints the canvas again where it is shown (the camera or the colour mode changed). */
  const repaint = useCallback(() => {
    if (canvasShown()) paintCanvas()
  }, [paintCanvas])

  /** Hides the canvas once tldraw has painted the instant it shows (two frames on). */
  const revealTldraw = useCallback(() => {
    const seq = tldrawSeq.current
    requestAnimationFrame(() =>
      requestAnimationFrame(() => {
        if (seq === null || latest.current?.seq !== seq || tldrawSeq.current !== seq) return
        showCanvas(false)
        // The first time tldraw shows the board (the replay's hand-over is complete).
        if (!performance.getEntriesByName('replay:drawn').length) performance.mark('replay:drawn')
      }),
    )
  }, [])

  /**
   * tldraw takes the instant on screen, a slice of records per turn (a far jump changes hundreds,
   * and tldraw redrawing them at once held the page for ~250–500 ms), the canvas over it until it
   * is done. `now`: in one go (an export reads the editor next).
   */
  const settle = useCallback(
    (now = false) => {
      if (settleTimer.current) clearTimeout(settleTimer.current)
      settleTimer.current = null
      const shown = latest.current
      if (!shown || !projector.current || tldrawSeq.current === shown.seq) return
      const began = performance.now()
      const done = projector.current.applySome(
        shown.frame,
        now ? Number.POSITIVE_INFINITY : SETTLE_SLICE_RECORDS,
      )
      performance.measure('replay:settle', { start: began, end: performance.now() })
      if (!done) {
        // The next slice after this one is painted, unless the timeline moved meanwhile (then
        // its own rest starts the catching up again).
        const gen = moves.current
        requestAnimationFrame(() => {
          if (moves.current === gen) settleTimer.current = setTimeout(() => settle(), 0)
        })
        return
      }
      tldrawSeq.current = shown.seq
      revealTldraw()
    },
    [revealTldraw],
  )

  const show = useCallback(
    (seq: number, frame: BoardFrame) => {
      latest.current = { seq, frame }
      const e = editorRef.current
      const proj = projector.current
      if (e && proj && (playingRef.current || !proj.changesMoreThan(frame, TLDRAW_STEP_RECORDS))) {
        // A small step, or playback: tldraw redraws the few shapes that changed in this frame (the
        // first frame of playback after a far seek catches it up once).
        const began = performance.now()
        proj.apply(frame)
        performance.measure('replay:apply', { start: began, end: performance.now() })
        tldrawSeq.current = seq
        if (canvasShown()) revealTldraw()
        markShown('tldraw', e.getCurrentPageShapeIds().size)
        return
      }
      moves.current++
      const began = performance.now()
      const shapes = paintCanvas()
      performance.measure('replay:apply', { start: began, end: performance.now() })
      markShown('canvas', shapes)
      // Once the first frame with the board on it is painted, tldraw may load and mount (long tasks
      // that would otherwise hold that frame back).
      if (!firstPaint.current)
        firstPaint.current = requestAnimationFrame(() =>
          setTimeout(() => {
            performance.mark('replay:painted')
            setPainted(true)
            timeline.loadRest()
          }, 0),
        )
      if (settleTimer.current) clearTimeout(settleTimer.current)
      settleTimer.current = setTimeout(settle, playingRef.current ? 0 : SETTLE_MS)
    },
    [markShown, paintCanvas, revealTldraw, settle, timeline],
  )

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

  // Attached before the effects below ask for frames (effects run in order). Layout effects, so
  // that a final board already in is painted before the browser first paints the page (see below).
  useLayoutEffect(() => {
    timeline.attach({
      onFrame: (seq, frame) => {
        show(seq, frame)
        setNotes(frame.notes)
        setError(null)
      },
      onError: (err) => setError(messageOf(err)),
      onProgress: progress,
      onWaiting: setCatchingUp,
    })
    setLoaded(timeline.loadedShare)
  }, [timeline, show, progress])
  useEffect(
    () => () => {
      if (settleTimer.current) clearTimeout(settleTimer.current)
    },
    [],
  )

  const feed = useMemo(
    () => new StateFeed(api, history.updates, setControl, (err) => setError(messageOf(err))),
    [api, history],
  )
  useEffect(() => {
    feed.activate()
    return () => feed.dispose()
  }, [feed])

  const canvasRef = useCallback((el: HTMLCanvasElement | null) => {
    canvas.current = el
    painter.current?.dispose()
    painter.current = null
  }, [])

  // The final board comes first (the page asked for it as it opened): it frames the camera and
  // feeds the report. Usually it is in when the page first renders: then the first instant is
  // painted before the browser paints the page (a layout effect), not a frame later, after
  // passive effects and a promise (~0.15 s on opening the benchmark hour).
  useLayoutEffect(() => {
    let live = true
    const took = (frame: BoardFrame) => {
      performance.mark('replay:final')
      ownView.current = painterOf()?.fitView(frame) ?? null
      setFinalFrame(frame)
    }
    const now = timeline.frameNow(model.end)
    if (now) took(now)
    else
      timeline.load(model.end).then(
        (frame) => live && took(frame),
        (err: unknown) => live && setError(messageOf(err)),
      )
    return () => {
      live = false
    }
  }, [timeline, model.end, painterOf])

  // tldraw mounted (after the first instant was painted), with an empty store: it takes the
  // instant on screen in slices, with the painter's camera, so the hand-over moves nothing.
  const onEditor = useCallback(
    (e: Editor) => {
      editorRef.current = e
      projector.current = new BoardProjector(e.store)
      performance.mark('replay:editor')
      const view = ownView.current
      if (view?.pageId && view.pageId !== e.getCurrentPageId() && e.getPage(view.pageId as never))
        e.setCurrentPage(view.pageId as never)
      if (view) e.setCamera(view.camera)
      else fitCamera(e)
      setEditor(e)
      // tldraw takes the board in slices under the canvas, so its mount does not hold the page.
      settle()
    },
    [settle],
  )

  // Pans and zooms in tldraw (or Follow) move the canvas too while it covers tldraw.
  useEffect(() => {
    if (!editor) return
    let last = editor.getCamera()
    return editor.store.listen(
      () => {
        const camera = editor.getCamera()
        if (camera === last) return
        last = camera
        repaint()
      },
      { scope: 'session' },
    )
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [editor])

  useLayoutEffect(() => {
    if (!finalFrame) return
    timeline.show(t)
    feed.show(t)
    // An instant with no update of its own shows the same frame: only the marker moves.
    markShown()
  }, [t, finalFrame, timeline, feed, markShown])

  return {
    editor,
    onEditor,
    canvasRef,
    painted,
    settle,
    repaint,
    notes,
    control,
    shapeCount,
    finalFrame,
    error,
    loaded,
    catchingUp,
  }
}
