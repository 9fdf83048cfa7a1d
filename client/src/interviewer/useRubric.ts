import { PrivateKeys, type Recommendation, RECOMMENDATIONS, type RubricScore } from '@mockboard/shared'
import { useCallback, useEffect, useState } from 'react'
import type * as Y from 'yjs'

export interface RubricState {
  scores: Record<string, RubricScore>
  recommendation: Recommendation | null
  /** Merges into the area's entry as stored now, so a late comment commit never reverts a score. */
  updateArea(areaId: string, patch: Partial<RubricScore>): void
  setRecommendation(value: Recommendation | null): void
}

const isRecommendation = (v: unknown): v is Recommendation =>
  typeof v === 'string' && (RECOMMENDATIONS as readonly string[]).includes(v)

/** The rubric map of the private doc: one entry per area, plus `recommendation` (the report reads the same keys). */
export function useRubric(doc: Y.Doc | null): RubricState {
  const [scores, setScores] = useState<Record<string, RubricScore>>({})
  const [recommendation, setRec] = useState<Recommendation | null>(null)

  useEffect(() => {
    if (!doc) return
    const map = doc.getMap<unknown>(PrivateKeys.rubric)
    const update = () => {
      const next: Record<string, RubricScore> = {}
      let rec: Recommendation | null = null
      for (const [key, value] of map.entries()) {
        if (key === 'recommendation') rec = isRecommendation(value) ? value : null
        else if (value && typeof value === 'object') next[key] = value as RubricScore
      }
      setScores(next)
      setRec(rec)
    }
    update()
    map.observe(update)
    return () => map.unobserve(update)
  }, [doc])

  const updateArea = useCallback(
    (areaId: string, patch: Partial<RubricScore>) => {
      const map = doc?.getMap<unknown>(PrivateKeys.rubric)
      if (!map) return
      const stored = map.get(areaId) as RubricScore | undefined
      map.set(areaId, { score: stored?.score ?? null, comment: stored?.comment ?? '', ...patch })
    },
    [doc],
  )
  const setRecommendation = useCallback(
    (value: Recommendation | null) => {
      const map = doc?.getMap(PrivateKeys.rubric)
      if (!map) return
      if (value === null) map.delete('recommendation')
      else map.set('recommendation', value)
    },
    [doc],
  )
  return { scores, recommendation, updateArea, setRecommendation }
}
