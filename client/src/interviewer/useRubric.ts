import {
  readRubric,
  type Recommendation,
  rubricMap,
  type RubricScore,
  writeRecommendation,
  writeRubricArea,
} from '@mockboard/shared'
import { useCallback, useEffect, useState } from 'react'
import type * as Y from 'yjs'

export interface RubricState {
  scores: Record<string, RubricScore>
  recommendation: Recommendation | null
  /** Merges into the area's entry as stored now, so a late comment commit never reverts a score. */
  updateArea(areaId: string, patch: Partial<RubricScore>): void
  setRecommendation(value: Recommendation | null): void
}

/** The rubric of the private doc, kept current (the report reads it through the same module). */
export function useRubric(doc: Y.Doc | null): RubricState {
  const [scores, setScores] = useState<Record<string, RubricScore>>({})
  const [recommendation, setRec] = useState<Recommendation | null>(null)

  useEffect(() => {
    if (!doc) return
    const map = rubricMap(doc)
    const update = () => {
      const read = readRubric(doc)
      setScores(read.scores)
      setRec(read.recommendation)
    }
    update()
    map.observe(update)
    return () => map.unobserve(update)
  }, [doc])

  const updateArea = useCallback(
    (areaId: string, patch: Partial<RubricScore>) => {
      if (doc) writeRubricArea(doc, areaId, patch)
    },
    [doc],
  )
  const setRecommendation = useCallback(
    (value: Recommendation | null) => {
      if (doc) writeRecommendation(doc, value)
    },
    [doc],
  )
  return { scores, recommendation, updateArea, setRecommendation }
}
