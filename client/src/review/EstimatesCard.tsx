import './review.css'

import {
  boardEstimatesMap,
  computeEstimates,
  ESTIMATE_FIELDS,
  type EstimateField,
  type EstimateInputs,
  formatEstimate,
  readBoardEstimates,
  writeBoardEstimates,
} from '@mockboard/shared'
import { useEffect, useState } from 'react'
import type * as Y from 'yjs'

/** The board's capacity inputs, kept current. */
function useEstimateInputs(doc: Y.Doc): EstimateInputs {
  const [inputs, setInputs] = useState(() => readBoardEstimates(doc))
  useEffect(() => {
    const map = boardEstimatesMap(doc)
    const update = () => setInputs(readBoardEstimates(doc))
    update()
    map.observe(update)
    return () => map.unobserve(update)
  }, [doc])
  return inputs
}

/** One input: committed on blur or Enter (a value per keystroke would flood the log). */
function EstimateInput(props: {
  field: EstimateField
  label: string
  unit: string
  max: number
  value: number | null
  readOnly: boolean
  onCommit(field: EstimateField, value: number | null): void
}) {
  const { field, label, unit, max, value, readOnly, onCommit } = props
  const [draft, setDraft] = useState(value === null ? '' : String(value))
  useEffect(() => setDraft(value === null ? '' : String(value)), [value])
  const commit = () => {
    const text = draft.trim().replace(/[, _]/g, '')
    const n = text === '' ? null : Number(text)
    if (n !== null && (!Number.isFinite(n) || n < 0 || n > max))
      return setDraft(value === null ? '' : String(value))
    if (n !== value) onCommit(field, n)
  }
  return (
    <label className="mb-est__field">
      <span>{label}</span>
      <span className="mb-est__input">
        <input
          inputMode="decimal"
          value={draft}
          readOnly={readOnly}
          data-testid={`estimate-${field}`}
          onChange={(e) => setDraft(e.target.value)}
          onBlur={commit}
          onKeyDown={(e) => {
            if (e.key === 'Enter') commit()
          }}
        />
        <span className="mb-est__unit">{unit}</span>
      </span>
    </label>
  )
}

/** The capacity card: inputs in the board doc (they sync and replay), figures with their arithmetic. */
export function EstimatesCard({ doc, readOnly }: { doc: Y.Doc; readOnly: boolean }) {
  const inputs = useEstimateInputs(doc)
  const { lines } = computeEstimates(inputs)
  const peak = lines.find((l) => l.id === 'peakQps')!
  return (
    <details className="mb-est" data-testid="estimates-card">
      <summary>
        Capacity estimates{' '}
        <span className="mb-est__peak">{peak.value === null ? '' : `peak ${formatEstimate(peak)}`}</span>
      </summary>
      <div className="mb-est__inputs">
        {ESTIMATE_FIELDS.map((f) => (
          <EstimateInput
            key={f.field}
            {...f}
            value={inputs[f.field]}
            readOnly={readOnly}
            onCommit={(field, value) => writeBoardEstimates(doc, { [field]: value })}
          />
        ))}
      </div>
      <dl className="mb-est__lines">
        {lines.map((l) => (
          <div key={l.id} className="mb-est__line" data-testid={`estimate-line-${l.id}`}>
            <dt>{l.label}</dt>
            <dd>
              <strong>{formatEstimate(l)}</strong>
              <span className="mb-est__formula">{l.formula}</span>
            </dd>
          </div>
        ))}
      </dl>
    </details>
  )
}
