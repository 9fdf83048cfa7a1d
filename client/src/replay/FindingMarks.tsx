import { type FindingSpan, formatSessionTime } from '@mockboard/shared'

import type { TimelineModel } from './timelineModel'
import { findingTitle } from './withFindingMarks'

interface Props {
  model: TimelineModel
  left(t: number): string
  onSeek(t: number): void
}

/** One sentence per span: "Primary DB is a single point of failure raised 14:02, resolved 31:40". */
export function spanSentence(span: FindingSpan, clockOrigin: number): string {
  const raised = `raised ${formatSessionTime(span.raisedAt, clockOrigin)}`
  const resolved =
    span.resolvedAt === null ? 'still open' : `resolved ${formatSessionTime(span.resolvedAt, clockOrigin)}`
  return `${findingTitle(span.finding)} ${raised}, ${resolved}`
}

/**
 * The design review on the timeline: a line from each finding's raise to its resolve (or the
 * end), a marker at each end; a marker seeks to its instant.
 */
export function FindingMarks({ model, left, onSeek }: Props) {
  const spans = (model.findings ?? []).filter((s) => s.raisedAt <= model.end)
  if (spans.length === 0) return null
  const clamp = (t: number) => Math.min(model.end, Math.max(model.start, t))
  return (
    <div className="rp-findings">
      {spans.map((s) => {
        const from = clamp(s.raisedAt)
        const to = clamp(s.resolvedAt ?? model.end)
        const sentence = spanSentence(s, model.clockOrigin)
        const key = `${s.finding.rule}:${s.finding.shapeIds.join()}:${s.raisedAt}`
        return (
          <div
            key={key}
            className={`rp-finding rp-finding--${s.finding.severity}`}
            data-rule={s.finding.rule}
          >
            <div
              className="rp-finding-span"
              style={{ left: left(from), width: `calc(${left(to)} - ${left(from)})` }}
              aria-hidden
            />
            <FindingMarker kind="raised" at={from} left={left(from)} sentence={sentence} onSeek={onSeek} />
            {s.resolvedAt !== null && (
              <FindingMarker kind="resolved" at={to} left={left(to)} sentence={sentence} onSeek={onSeek} />
            )}
          </div>
        )
      })}
    </div>
  )
}

function FindingMarker(props: {
  kind: 'raised' | 'resolved'
  at: number
  left: string
  sentence: string
  onSeek(t: number): void
}) {
  return (
    <button
      type="button"
      className={`rp-finding-mark rp-finding-mark--${props.kind}`}
      data-testid="finding-mark"
      data-kind={props.kind}
      style={{ left: props.left }}
      onClick={() => props.onSeek(props.at)}
      aria-label={`Finding ${props.kind}: ${props.sentence}`}
    >
      <span className="rp-finding-dot" />
      <span className="rp-bookmark-label" role="tooltip">
        {props.sentence}
      </span>
    </button>
  )
}
