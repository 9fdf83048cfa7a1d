import { formatSessionTime } from '@mockboard/shared'
import { memo } from 'react'

import type { TimelineModel } from './timelineModel'
import { findingTitle } from './withFindingMarks'

/** The design review beside the board: each finding with the instants it was raised and resolved. */
export const FindingList = memo(function FindingList({
  model,
  onSeek,
}: {
  model: TimelineModel
  onSeek(t: number): void
}) {
  const spans = model.findings ?? []
  if (spans.length === 0) return null
  const at = (t: number) => formatSessionTime(t, model.clockOrigin)
  return (
    <section className="rp-card" aria-label="Design review">
      <h2 className="rp-card-title">Design review</h2>
      <ul className="rp-finding-list">
        {spans.map((s) => (
          <li key={`${s.finding.rule}:${s.finding.shapeIds.join()}:${s.raisedAt}`} data-rule={s.finding.rule}>
            <span className={`rp-finding-title rp-finding--${s.finding.severity}`}>
              {findingTitle(s.finding)}
            </span>
            <span className="rp-finding-times">
              <button type="button" onClick={() => onSeek(s.raisedAt)}>
                raised {at(s.raisedAt)}
              </button>
              {s.resolvedAt === null ? (
                <span className="rp-muted">open</span>
              ) : (
                <button type="button" onClick={() => onSeek(s.resolvedAt!)}>
                  resolved {at(s.resolvedAt)}
                </button>
              )}
            </span>
          </li>
        ))}
      </ul>
    </section>
  )
})
