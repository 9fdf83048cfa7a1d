import {
  RECOMMENDATION_LABELS,
  RECOMMENDATIONS,
  RUBRIC_AREAS,
  type RubricScore,
  SCORE_LABELS,
} from '@mockboard/shared'

import { CommitInput } from './CommitInput.js'
import { EvidencePicker, type EvidenceSource } from './EvidencePicker.js'
import type { RubricState } from './useRubric.js'

const SCORES = [1, 2, 3, 4] as const
const EMPTY: RubricScore = { score: null, comment: '' }

/** The article's evaluation areas, 1–4 each with a comment, and the overall recommendation. */
export function RubricForm({
  rubric,
  readOnly,
  evidence,
}: {
  rubric: RubricState
  readOnly: boolean
  /** What a score can cite: bookmarks, phase starts, open findings. */
  evidence: EvidenceSource
}) {
  return (
    <div className="mb-iv__rubric" data-testid="rubric">
      {RUBRIC_AREAS.map((area) => {
        const current = rubric.scores[area.id] ?? EMPTY
        return (
          <div key={area.id} className="mb-iv__area">
            <div className="mb-iv__area-head">
              <span className="mb-iv__area-label" title={area.hint}>
                {area.label}
              </span>
            </div>
            <p className="mb-iv__hint">{area.hint}</p>
            <div className="mb-iv__scores" role="radiogroup" aria-label={area.label}>
              {SCORES.map((s) => (
                <button
                  key={s}
                  role="radio"
                  aria-checked={current.score === s}
                  className={`mb-iv__score is-${s} ${current.score === s ? 'is-on' : ''}`}
                  disabled={readOnly}
                  title={SCORE_LABELS[s]}
                  // Clicking the chosen score again clears it: "not scored" must stay reachable.
                  onClick={() => rubric.updateArea(area.id, { score: current.score === s ? null : s })}
                >
                  <b>{s}</b>
                  <span>{SCORE_LABELS[s]}</span>
                </button>
              ))}
            </div>
            <CommitInput
              multiline
              className="mb-iv__comment"
              value={current.comment}
              placeholder="Evidence, examples…"
              ariaLabel={`${area.label} comment`}
              disabled={readOnly}
              onCommit={(comment) => rubric.updateArea(area.id, { comment })}
            />
            <EvidencePicker
              areaLabel={area.label}
              evidence={current.evidence ?? []}
              source={evidence}
              readOnly={readOnly}
              onChange={(next) => rubric.updateArea(area.id, { evidence: next })}
            />
          </div>
        )
      })}
      <div className="mb-iv__area">
        <div className="mb-iv__area-label">Overall recommendation</div>
        <div className="mb-iv__recs" role="radiogroup" aria-label="Overall recommendation">
          {RECOMMENDATIONS.map((r) => (
            <button
              key={r}
              role="radio"
              aria-checked={rubric.recommendation === r}
              className={`mb-iv__rec is-${r} ${rubric.recommendation === r ? 'is-on' : ''}`}
              disabled={readOnly}
              onClick={() => rubric.setRecommendation(rubric.recommendation === r ? null : r)}
            >
              {RECOMMENDATION_LABELS[r]}
            </button>
          ))}
        </div>
      </div>
    </div>
  )
}
