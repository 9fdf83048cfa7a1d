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

/** Markers less than this apart share a place on the timeline (one review raises many at once). */
const SAME_PLACE_MS = 1_000
/** Each further marker of a place steps aside by this much (over half a 14 px marker: each centre stays free), up to MAX_STACK steps. */
const STACK_STEP_PX = 10
const MAX_STACK = 4

type Side = 'start' | 'middle' | 'end'
interface Placed {
  /** px from the marker's instant: stacked marks fan out, towards the middle of the timeline. */
  shift: number
  /** Where its label opens, so labels near an edge stay on screen. */
  side: Side
}

/** Places each marker (by its key) so markers of one place do not hide each other. */
export function placeMarkers(
  marks: readonly { key: string; at: number }[],
  start: number,
  end: number,
): Map<string, Placed> {
  const placed = new Map<string, Placed>()
  const sorted = [...marks].sort((a, b) => a.at - b.at || a.key.localeCompare(b.key))
  let groupAt = -Infinity
  let index = 0
  for (const m of sorted) {
    if (m.at - groupAt >= SAME_PLACE_MS) {
      groupAt = m.at
      index = 0
    } else index++
    const fraction = end > start ? (m.at - start) / (end - start) : 0
    const side: Side = fraction < 0.25 ? 'start' : fraction > 0.75 ? 'end' : 'middle'
    const shift = Math.min(index, MAX_STACK) * STACK_STEP_PX * (fraction > 0.5 ? -1 : 1)
    placed.set(m.key, { shift, side })
  }
  return placed
}

/**
 * The design review on the timeline: a line from each finding's raise to its resolve (or the
 * end), a marker at each end; a marker seeks to its instant.
 */
export function FindingMarks({ model, left, onSeek }: Props) {
  const spans = (model.findings ?? []).filter((s) => s.raisedAt <= model.end)
  if (spans.length === 0) return null
  const clamp = (t: number) => Math.min(model.end, Math.max(model.start, t))
  const keyOf = (s: FindingSpan) => `${s.finding.rule}:${s.finding.shapeIds.join()}:${s.raisedAt}`
  const placed = placeMarkers(
    spans.flatMap((s) => [
      { key: `${keyOf(s)}:raised`, at: clamp(s.raisedAt) },
      ...(s.resolvedAt === null ? [] : [{ key: `${keyOf(s)}:resolved`, at: clamp(s.resolvedAt) }]),
    ]),
    model.start,
    model.end,
  )
  return (
    <div className="rp-findings">
      {spans.map((s) => {
        const from = clamp(s.raisedAt)
        const to = clamp(s.resolvedAt ?? model.end)
        const sentence = spanSentence(s, model.clockOrigin)
        const key = keyOf(s)
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
            <FindingMarker
              kind="raised"
              at={from}
              left={left(from)}
              place={placed.get(`${key}:raised`)!}
              sentence={sentence}
              onSeek={onSeek}
            />
            {s.resolvedAt !== null && (
              <FindingMarker
                kind="resolved"
                at={to}
                left={left(to)}
                place={placed.get(`${key}:resolved`)!}
                sentence={sentence}
                onSeek={onSeek}
              />
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
  place: Placed
  sentence: string
  onSeek(t: number): void
}) {
  const { shift, side } = props.place
  return (
    <button
      type="button"
      className={`rp-finding-mark rp-finding-mark--${props.kind} rp-finding-mark--label-${side}`}
      data-testid="finding-mark"
      data-kind={props.kind}
      style={{ left: shift === 0 ? props.left : `calc(${props.left} + ${shift}px)` }}
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
