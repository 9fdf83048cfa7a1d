import { formatSessionTime } from '@mockboard/shared'
import { Keyboard, Pause, Play, SkipBack, SkipForward } from 'lucide-react'

import { nextMark, previousMark, type TimelineModel } from './timelineModel'
import { type Playback, SPEEDS } from './usePlayback'
import { REPLAY_KEYS } from './useReplayKeys'
import { useWallClock } from './wallClock'

/** Play/pause, jumps, speed and idle skipping, and where we are in session time. */
export function Transport({ model, playback }: { model: TimelineModel; playback: Playback }) {
  const { t, playing, speed } = playback
  const wall = useWallClock(t)
  return (
    <div className="rp-transport">
      <div className="rp-transport-group">
        <button
          type="button"
          className="mb-btn mb-btn--ghost mb-btn--icon"
          onClick={() => playback.seek(previousMark(model, t))}
          title="Previous phase or bookmark ([)"
          aria-label="Previous phase or bookmark"
        >
          <SkipBack size={16} />
        </button>
        <button
          type="button"
          className="mb-btn mb-btn--primary mb-btn--icon rp-play"
          onClick={playback.toggle}
          title={playing ? 'Pause (Space)' : 'Play (Space)'}
          aria-label={playing ? 'Pause' : 'Play'}
        >
          {playing ? <Pause size={16} fill="currentColor" /> : <Play size={16} fill="currentColor" />}
        </button>
        <button
          type="button"
          className="mb-btn mb-btn--ghost mb-btn--icon"
          onClick={() => playback.seek(nextMark(model, t))}
          title="Next phase or bookmark (])"
          aria-label="Next phase or bookmark"
        >
          <SkipForward size={16} />
        </button>
      </div>
      <div className="rp-time" aria-live="off">
        <strong>{formatSessionTime(t, model.clockOrigin)}</strong>
        <span className="rp-muted"> / {formatSessionTime(model.end, model.clockOrigin)}</span>
        <span className="rp-wall rp-muted">{wall}</span>
      </div>
      <div className="rp-speeds" role="radiogroup" aria-label="Playback speed">
        {SPEEDS.map((s, i) => (
          <button
            key={s}
            type="button"
            role="radio"
            aria-checked={s === speed}
            className={`rp-speed${s === speed ? ' rp-speed--on' : ''}`}
            onClick={() => playback.setSpeed(s)}
            title={`${s}× (${i + 1})`}
          >
            {s}×
          </button>
        ))}
      </div>
      <label className="rp-toggle" title="Jump over stretches of 20 s or more where nothing happened">
        <input
          type="checkbox"
          checked={playback.skipIdle}
          onChange={(e) => playback.setSkipIdle(e.currentTarget.checked)}
        />
        Skip idle
      </label>
      <details className="rp-keys">
        <summary
          className="mb-btn mb-btn--ghost mb-btn--icon"
          title="Keyboard shortcuts"
          aria-label="Keyboard shortcuts"
        >
          <Keyboard size={16} />
        </summary>
        <dl className="rp-keys-list">
          {REPLAY_KEYS.map(([keys, what]) => (
            <div key={keys}>
              <dt>
                <kbd>{keys}</kbd>
              </dt>
              <dd>{what}</dd>
            </div>
          ))}
        </dl>
      </details>
    </div>
  )
}
