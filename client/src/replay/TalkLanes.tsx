import { formatSessionTime, talkTracks } from '@mockboard/shared'
import { memo } from 'react'

import type { TimelineModel } from './timelineModel'
import type { VoiceTake } from './useVoiceTakes'

const pct = (model: TimelineModel, t: number) =>
  (((Math.min(model.end, Math.max(model.start, t)) - model.start) / (model.end - model.start)) * 100).toFixed(
    3,
  )

/**
 * A lane per recorded participant under the timeline, on the same scale: a bar wherever their
 * voice was heard (from the levels recorded with the audio), so "who was talking when" reads at a
 * glance and a click seeks there.
 */
export const TalkLanes = memo(function TalkLanes({
  model,
  takes,
  onSeek,
}: {
  model: TimelineModel
  takes: VoiceTake[]
  onSeek(t: number): void
}) {
  const tracks = talkTracks(takes.map((t) => ({ participant: t.participant, role: t.role, spans: t.talk })))
  if (tracks.length === 0) return null
  return (
    <div className="rp-talk" data-testid="talk-lanes">
      {tracks.map((track) => (
        <div
          key={`${track.role}:${track.participant}`}
          className={`rp-talk-lane rp-talk-lane--${track.role}`}
          data-participant={track.participant}
          data-spans={track.spans.length}
        >
          <span className="rp-talk-name">{track.participant}</span>
          {track.spans.map(([from, to]) => (
            <button
              key={from}
              type="button"
              tabIndex={-1}
              className="rp-talk-span"
              style={{
                left: `${pct(model, from)}%`,
                width: `${Number(pct(model, to)) - Number(pct(model, from))}%`,
              }}
              title={`${track.participant} talking · ${formatSessionTime(from, model.clockOrigin)}`}
              aria-label={`${track.participant} talking at ${formatSessionTime(from, model.clockOrigin)}`}
              onClick={() => onSeek(from)}
            />
          ))}
        </div>
      ))}
    </div>
  )
})
