import { DEFAULT_PHASES, PHASE_LIMITS } from '@mockboard/shared'
import { ArrowDown, ArrowUp, Plus, RotateCcw, X } from 'lucide-react'

import {
  addRow,
  formatMinutes,
  moveRow,
  type PlanCheck,
  type PlanRow,
  removeRow,
  rowsFromPhases,
  updateRow,
} from './planEditing.js'

interface Props {
  rows: PlanRow[]
  check: PlanCheck
  onChange: (rows: PlanRow[]) => void
}

/** Add, remove, rename, re-time and reorder the interview's phases. */
export function PhasePlanEditor({ rows, check, onChange }: Props) {
  return (
    <div className="mb-lobby__plan">
      <ol className="mb-lobby__phases">
        {rows.map((row, i) => {
          const error = check.rowErrors[row.key]
          return (
            <li key={row.key}>
              <div className="mb-lobby__phase-row">
                <span className="mb-lobby__phase-n">{i + 1}</span>
                <input
                  className="mb-input mb-lobby__phase-name"
                  value={row.name}
                  maxLength={PHASE_LIMITS.maxNameLength}
                  aria-label={`Phase ${i + 1} name`}
                  aria-invalid={!!error && !row.name.trim()}
                  onChange={(e) => onChange(updateRow(rows, row.key, { name: e.target.value }))}
                />
                <label className="mb-lobby__phase-min">
                  <input
                    className="mb-input"
                    inputMode="numeric"
                    value={row.minutes}
                    aria-label={`Phase ${i + 1} minutes`}
                    aria-invalid={!!error && !!row.name.trim()}
                    onChange={(e) =>
                      onChange(
                        updateRow(rows, row.key, {
                          minutes: e.target.value.replace(/[^\d]/g, '').slice(0, 3),
                        }),
                      )
                    }
                  />
                  <span>min</span>
                </label>
                <button
                  type="button"
                  className="mb-btn mb-btn--ghost mb-btn--sm mb-btn--icon"
                  aria-label="Move up"
                  disabled={i === 0}
                  onClick={() => onChange(moveRow(rows, row.key, -1))}
                >
                  <ArrowUp size={14} />
                </button>
                <button
                  type="button"
                  className="mb-btn mb-btn--ghost mb-btn--sm mb-btn--icon"
                  aria-label="Move down"
                  disabled={i === rows.length - 1}
                  onClick={() => onChange(moveRow(rows, row.key, 1))}
                >
                  <ArrowDown size={14} />
                </button>
                <button
                  type="button"
                  className="mb-btn mb-btn--ghost mb-btn--sm mb-btn--icon"
                  aria-label="Remove phase"
                  disabled={rows.length <= PHASE_LIMITS.minPhases}
                  onClick={() => onChange(removeRow(rows, row.key))}
                >
                  <X size={14} />
                </button>
              </div>
              {error && <p className="mb-err mb-lobby__row-error">{error}</p>}
            </li>
          )
        })}
      </ol>
      <div className="mb-lobby__plan-foot">
        <button
          type="button"
          className="mb-btn mb-btn--sm"
          disabled={rows.length >= PHASE_LIMITS.maxPhases}
          onClick={() => onChange(addRow(rows))}
        >
          <Plus size={14} />
          Add phase
        </button>
        <button
          type="button"
          className="mb-btn mb-btn--sm mb-btn--ghost"
          onClick={() => onChange(rowsFromPhases(DEFAULT_PHASES))}
        >
          <RotateCcw size={13} />
          Default plan
        </button>
        <span className="mb-lobby__total" data-testid="plan-total">
          Total <b>{formatMinutes(check.totalMinutes)}</b>
        </span>
      </div>
      {check.planError && <p className="mb-err">{check.planError}</p>}
    </div>
  )
}
