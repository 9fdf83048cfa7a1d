import type { SessionHistory, SessionInfo } from '@mockboard/shared'
import { useEffect, useMemo, useRef } from 'react'

import type { SessionApi } from '../api/sessionApi'
import { useChunk } from '../ui/Chunk'
import type { BoardTimeline } from './BoardTimeline'
import { FollowControl } from './FollowControl'
import { PaintIcons } from './paint/icons'
import { ReplayHeader } from './ReplayHeader'
import { SidePanel } from './SidePanel'
import { TalkLanes } from './TalkLanes'
import { Timeline } from './Timeline'
import type { TimelineModel } from './timelineModel'
import { Transport } from './Transport'
import { useAddressFollows } from './useAddressFollows'
import { useBoardReplay } from './useBoardReplay'
import { useDarkMode } from './useDarkMode'
import { useExports } from './useExports'
import { useFindingSpans } from './useFindingSpans'
import { useFollowCamera } from './useFollowCamera'
import { usePlayback } from './usePlayback'
import { useReplayKeys } from './useReplayKeys'
import { useTldrawLater } from './useTldrawLater'
import { useVoiceTakes } from './useVoiceTakes'
import { VoicePlayers } from './VoicePlayers'
import { withFindingMarks } from './withFindingMarks'

interface Props {
  api: SessionApi
  info: SessionInfo
  history: SessionHistory
  /** The board's timeline, started by the page as soon as the history was in. */
  timeline: BoardTimeline
  model: TimelineModel
  /** The `?t=` the page was opened with (ms from the clock's 0:00), or null. */
  openAt: number | null
}

/** tldraw, the largest code of the app: mounted under the painted board later (useTldrawLater). */
const loadReplayBoard = () => import('./ReplayBoard')

const slugOf = (title: string) =>
  title
    .replace(/[^A-Za-z0-9-]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60) || 'mockboard'

/** The replay screen: header, read-only board with the side panel, transport and timeline. */
export function ReplayView({ api, info, history, timeline, model, openAt }: Props) {
  const root = useRef<HTMLDivElement>(null)
  // Opens on the linked instant, else on the last one, the finished diagram, rather than the empty
  // board before anyone drew; Home or Play (which restarts from the beginning at the end) go back.
  const playback = usePlayback(model, openAt === null ? model.end : model.clockOrigin + openAt)
  useAddressFollows(playback.t, model.clockOrigin)
  const board = useBoardReplay(api, history, timeline, model, playback.t, playback.playing, root)
  const camera = useFollowCamera(board.editor, history.cameras, playback.t, board.finalFrame !== null, root)
  const [dark, toggleDark] = useDarkMode(board.editor)
  const { repaint } = board
  useEffect(repaint, [dark, repaint])
  const exports = useExports({
    api,
    editor: board.editor,
    settle: board.settle,
    finalFrame: board.finalFrame,
    slug: slugOf(info.title),
    offsetMs: playback.t - model.clockOrigin,
    dark,
  })
  // Findings join the timeline once /review/events answers; playback keeps the model it started with.
  const spans = useFindingSpans(api)
  const marked = useMemo(() => withFindingMarks(model, spans), [model, spans])
  useReplayKeys(marked, playback)
  const voices = useVoiceTakes(api)
  const loading = !board.painted
  const later = useTldrawLater(board.painted, board.loaded)
  const tldraw = useChunk(loadReplayBoard, later.mount)

  return (
    <div
      className={`rp-page${dark ? ' mb-dark' : ''}`}
      ref={root}
      data-start={model.start}
      data-end={model.end}
      data-playing={playback.playing ? 'true' : 'false'}
      data-loaded={board.loaded === 1 ? '1' : board.loaded.toFixed(2)}
    >
      <ReplayHeader
        info={info}
        exports={exports}
        canExport={board.shapeCount > 0 && board.editor !== null}
        dark={dark}
        onToggleDark={toggleDark}
      />
      <main className="rp-main">
        <div className="rp-stage" onPointerDown={later.reach} onWheel={later.reach}>
          {tldraw?.status === 'ready' && <tldraw.value.default onEditor={board.onEditor} />}
          <canvas ref={board.canvasRef} className="rp-frame" aria-hidden />
          <PaintIcons />
          {loading && (
            <div className="rp-stage-loading" role="status">
              <div className="mb-spinner" aria-hidden /> Loading the board…
            </div>
          )}
          {board.error && (
            <div className="rp-stage-error" role="alert">
              Couldn’t load this moment: {board.error}
            </div>
          )}
          {tldraw?.status === 'failed' && (
            <div className="rp-stage-error" role="alert">
              Couldn’t load the board’s code (the connection dropped?): reload the page to zoom and export.
            </div>
          )}
          <div className="rp-stage-badge" aria-live="polite">
            {board.shapeCount} {board.shapeCount === 1 ? 'shape' : 'shapes'}
            {!loading && board.catchingUp && <span className="rp-muted"> · drawing this moment…</span>}
            {!loading && board.loaded < 1 && (
              <span className="rp-muted"> · loading the session {Math.floor(board.loaded * 100)}%</span>
            )}
          </div>
          {!loading && <FollowControl camera={camera} />}
        </div>
        <SidePanel
          history={history}
          model={marked}
          t={playback.t}
          control={board.control}
          notes={board.notes}
          onSeek={playback.seek}
        />
      </main>
      <footer className="rp-footer">
        <Transport model={model} playback={playback} />
        <VoicePlayers takes={voices} clock={playback} />
        <Timeline model={marked} t={playback.t} skipIdle={playback.skipIdle} onSeek={playback.seek} />
        <TalkLanes model={model} takes={voices} onSeek={playback.seek} />
      </footer>
    </div>
  )
}
