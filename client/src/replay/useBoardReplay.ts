import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type { Editor } from 'tldraw'
import type { SessionHistory } from '@mockboard/shared'
import { BoardProjector } from './BoardProjector'
import type { BoardFrame, ControlFrame } from './decodeFrames'
import { createReplayStore } from './ReplayBoard'
import type { ReplayApi } from './replayApi'
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
  feed: StateFeed
}

/** Puts the busiest page in view and fits the camera to it (never zooming past 100%). */
function fitCamera(editor: Editor): void {
  const busiest = editor
    .getPages()
    .map((p) => ({ id: p.id, n: editor.getSortedChildIdsForParent(p.id).length }))
    .sort((a, b) => b.n - a.n)[0]
  if (busiest && busiest.id !== editor.getCurrentPageId()) editor.setCurrentPage(busiest.id)
  const bounds = editor.getCurrentPageBounds()
  if (bounds) editor.zoomToBounds(bounds, { inset: 64, targetZoom: 1 })
}

/**
 * Keeps the read-only board, notes and timer at instant `t`. The camera is fitted once to the
 * final board, so the diagram grows inside a still frame. `root` gets `data-shown-at` (the
 * instant the board now shows) and `data-shapes`: a render marker tests and the benchmark wait on.
 */
export function useBoardReplay(api: ReplayApi, history: SessionHistory, model: TimelineModel, t: number, root: React.RefObject<HTMLElement | null>): BoardReplay {
  const store = useMemo(createReplayStore, [])
  const projector = useMemo(() => new BoardProjector(store), [store])
  const [editor, setEditor] = useState<Editor | null>(null)
  const [notes, setNotes] = useState('')
  const [control, setControl] = useState<ControlFrame | null>(null)
  const [shapeCount, setShapeCount] = useState(0)
  const [finalFrame, setFinalFrame] = useState<BoardFrame | null>(null)
  const [error, setError] = useState<string | null>(null)
  const tRef = useRef(t)
  tRef.current = t
  const shownKey = useRef<number | null>(null)
  const editorRef = useRef<Editor | null>(null)

  const feedRef = useRef<StateFeed | null>(null)
  const markShown = useCallback(() => {
    const feed = feedRef.current
    const el = root.current
    if (!feed || !el || shownKey.current === null) return
    if (feed.keyAt('board', tRef.current) !== shownKey.current) return
    el.dataset.shownAt = String(Math.round(tRef.current))
    el.dataset.shapes = String(editorRef.current?.getCurrentPageShapeIds().size ?? 0)
  }, [root])

  const feed = useMemo(() => {
    const f = new StateFeed(
      api,
      history.updates,
      (doc, key, frame) => {
        if (doc === 'control') return setControl(frame as ControlFrame)
        const board = frame as BoardFrame
        // A named measure per frame applied: visible in DevTools' performance panel (and read by
        // the replay benchmark) to tell store/render cost from network and decode cost.
        const began = performance.now()
        projector.apply(board)
        performance.measure('replay:apply', { start: began, end: performance.now() })
        shownKey.current = key
        setNotes(board.notes)
        setShapeCount(editorRef.current?.getCurrentPageShapeIds().size ?? 0)
        setError(null)
        markShown()
      },
      (err) => setError(err instanceof Error ? err.message : String(err)),
    )
    feedRef.current = f
    return f
  }, [api, history, projector, markShown])
  useEffect(() => {
    feed.activate()
    return () => feed.dispose()
  }, [feed])

  const onEditor = useCallback((e: Editor) => {
    editorRef.current = e
    setEditor(e)
  }, [])

  useEffect(() => {
    if (!editor) return
    let live = true
    feed.load('board', model.end).then(
      (frame) => {
        if (!live) return
        projector.apply(frame)
        fitCamera(editor)
        setFinalFrame(frame)
      },
      (err: unknown) => live && setError(err instanceof Error ? err.message : String(err)),
    )
    return () => {
      live = false
    }
  }, [editor, feed, model.end, projector])

  useEffect(() => {
    if (!finalFrame) return
    feed.show('board', t)
    feed.show('control', t)
    markShown()
  }, [t, finalFrame, feed, markShown])

  return { store, editor, onEditor, notes, control, shapeCount, finalFrame, error, feed }
}
