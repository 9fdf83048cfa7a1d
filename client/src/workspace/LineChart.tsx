/** One point of a small line chart: its x position is its order, `label` says when. */
export interface ChartPoint {
  label: string
  value: number
}

interface Props {
  title: string
  points: ChartPoint[]
  min: number
  max: number
  /** Text for a value on the y axis and in a point's tooltip. */
  format: (value: number) => string
  /** Values labelled on the y axis. */
  ticks: number[]
  /** Room for the y axis' labels (wider for words than for digits). */
  axisWidth?: number
}

const W = 260
const H = 96
const PAD = { right: 8, top: 8, bottom: 16 }
/** Keeps the first and last points clear of the axis labels and the edge. */
const INSET = 10

/** A few lines of SVG: the points in order, joined, with y ticks; no library, nothing fetched. */
export function LineChart({ title, points, min, max, format, ticks, axisWidth = 22 }: Props) {
  const left = axisWidth + INSET
  const span = W - left - PAD.right - INSET
  const x = (i: number) => left + (points.length <= 1 ? span / 2 : (i * span) / (points.length - 1))
  const y = (v: number) => PAD.top + ((max - v) * (H - PAD.top - PAD.bottom)) / (max - min)
  const path = points
    .map((p, i) => `${i === 0 ? 'M' : 'L'}${x(i).toFixed(1)},${y(p.value).toFixed(1)}`)
    .join(' ')
  const summary = points.map((p) => `${p.label}: ${format(p.value)}`).join('; ')
  return (
    <figure className="mb-chart">
      <figcaption>{title}</figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`${title}: ${summary || 'no scores yet'}`}>
        {ticks.map((t) => (
          <g key={t}>
            <line className="mb-chart__grid" x1={axisWidth} x2={W - PAD.right} y1={y(t)} y2={y(t)} />
            <text className="mb-chart__tick" x={axisWidth - 4} y={y(t) + 3} textAnchor="end">
              {format(t)}
            </text>
          </g>
        ))}
        {points.length > 1 && <path className="mb-chart__line" d={path} />}
        {points.map((p, i) => (
          <circle key={i} className="mb-chart__dot" cx={x(i)} cy={y(p.value)} r={3.5}>
            <title>{`${p.label}: ${format(p.value)}`}</title>
          </circle>
        ))}
        {points.length > 0 && (
          <>
            <text
              className="mb-chart__tick"
              x={x(0)}
              y={H - 3}
              textAnchor={points.length > 1 ? 'start' : 'middle'}
            >
              {points[0]!.label}
            </text>
            {points.length > 1 && (
              <text className="mb-chart__tick" x={x(points.length - 1)} y={H - 3} textAnchor="end">
                {points.at(-1)!.label}
              </text>
            )}
          </>
        )}
        {points.length === 0 && (
          <text className="mb-chart__tick" x={W / 2} y={H / 2} textAnchor="middle">
            not scored yet
          </text>
        )}
      </svg>
    </figure>
  )
}
