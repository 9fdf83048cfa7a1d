import { type Bookmark, formatSessionTime } from '@mockboard/shared'
import { type CSSProperties, memo } from 'react'

import { FindingMarks } from './FindingMarks'
import type { TimelineModel } from './timelineModel'

interface TimelineProps {
  model: TimelineModel
  t: number
  skipIdle: boolean
  onSeek(t: number): void
}

const pct = (model: TimelineModel, t: number) =>
  `${(((t - model.start) / (model.end - model.start)) * 100).toFixed(3)}%`

/** Ticks every 1, 5, 10 or 15 minutes, whichever gives 4–12 labels. */
function ticks(model: TimelineModel): number[] {
  const duration = model.end - model.start
  const step =
    [60_000, 120_000, 300_000, 600_000, 900_000, 1_800_000].find((s) => duration / s <= 12) ?? 3_600_000
  // Whole steps of the replay's clock (0:00 = the interview's start), clear of both ends.
  const out: number[] = []
  const first = model.clockOrigin + Math.ceil((model.start + step / 3 - model.clockOrigin) / step) * step
  for (let t = first; t < model.end - step / 3; t += step) out.push(t)
  return out
}

/** The parts that don't move with the playhead: memoised so playback re-renders only the head. */
const Track = memo(function Track({ model, skipIdle, onSeek }: Omit<TimelineProps, 't'>) {
  const span = (from: number, to: number): CSSProperties => ({
    left: pct(model, from),
    width: `calc(${pct(model, to)} - ${pct(model, from)})`,
  })
  return (
    <>
      <div className="rp-bands" aria-hidden>
        {model.segments.map((s) => (
          <div
            key={`${s.from}-${s.phaseIndex}`}
            className={`rp-band rp-phase-${s.phaseIndex % 8}${s.paused ? ' rp-band--paused' : ''}`}
            style={span(s.from, s.to)}
            title={`${s.name}${s.paused ? ' (paused)' : ''} · ${formatSessionTime(s.from, model.clockOrigin)}–${formatSessionTime(s.to, model.clockOrigin)}`}
          >
            <span className="rp-band-label">{s.name}</span>
          </div>
        ))}
      </div>
      <svg
        className="rp-density"
        viewBox={`0 0 ${model.density.length} 1`}
        preserveAspectRatio="none"
        aria-hidden
      >
        {model.density.map((d, i) =>
          d > 0 ? <rect key={i} x={i + 0.1} width={0.8} y={1 - d} height={d} /> : null,
        )}
      </svg>
      {skipIdle &&
        model.idleGaps.map((g) => (
          <div
            key={g.from}
            className="rp-idle"
            style={span(g.from, g.to)}
            title="Idle: skipped during playback"
            aria-hidden
          />
        ))}
      <FindingMarks model={model} left={(t) => pct(model, t)} onSeek={onSeek} />
      <div className="rp-bookmarks">
        {model.bookmarks.map((b) => (
          <BookmarkMarker key={b.id} bookmark={b} left={pct(model, b.at)} onSeek={onSeek} />
        ))}
      </div>
      <div className="rp-axis" aria-hidden>
        {ticks(model).map((t) => (
          <span key={t} style={{ left: pct(model, t) }}>
            {formatSessionTime(t, model.clockOrigin)}
          </span>
        ))}
      </div>
    </>
  )
})

function BookmarkMarker({
  bookmark,
  left,
  onSeek,
}: {
  bookmark: Bookmark
  left: string
  onSeek(t: number): void
}) {
  return (
    <button
      type="button"
      className="rp-bookmark"
      style={{ left }}
      onClick={() => onSeek(bookmark.at)}
      aria-label={`Bookmark: ${bookmark.label}`}
    >
      <span className="rp-bookmark-pin" />
      <span className="rp-bookmark-label" role="tooltip">
        {bookmark.label}
      </span>
    </button>
  )
}

/**
 * Phase bands, a density strip of activity, idle stretches, bookmark pins and the playhead. The
 * scrubber is a native range input laid over the track: dragging, clicking and assistive tech all
 * come for free, and each `input` event seeks.
 */
export function Timeline({ model, t, skipIdle, onSeek }: TimelineProps) {
  const duration = model.end - model.start
  return (
    <div className="rp-timeline">
      <div className="rp-track">
        <Track model={model} skipIdle={skipIdle} onSeek={onSeek} />
        <div className="rp-playhead" style={{ left: pct(model, t) }} aria-hidden />
        <input
          className="rp-scrub"
          type="range"
          min={0}
          max={duration}
          step={100}
          value={Math.round(t - model.start)}
          onInput={(e) => onSeek(model.start + Number(e.currentTarget.value))}
          onChange={() => {}}
          aria-label="Replay position"
          aria-valuetext={`${formatSessionTime(t, model.clockOrigin)} of ${formatSessionTime(model.end, model.clockOrigin)}`}
        />
      </div>
    </div>
  )
}
