import {
  boardEstimatesMap,
  boardRecordsArray,
  readBoardEstimates,
  readBoardRecords,
  type Review,
  reviewBoard,
} from '@mockboard/shared'
import { useEffect, useState } from 'react'
import type * as Y from 'yjs'

/** Reviewing reads the whole board: a burst of edits (a drag) is reviewed once per this many ms. */
const THROTTLE_MS = 250

/** The design review of the live board, kept current as records and estimates change. */
export function useLiveReview(doc: Y.Doc | null): Review | null {
  const [review, setReview] = useState<Review | null>(null)
  useEffect(() => {
    if (!doc) return setReview(null)
    const run = () => setReview(reviewBoard(readBoardRecords(doc), readBoardEstimates(doc)))
    let timer: ReturnType<typeof setTimeout> | null = null
    const schedule = () => {
      timer ??= setTimeout(() => {
        timer = null
        run()
      }, THROTTLE_MS)
    }
    run()
    const records = boardRecordsArray(doc)
    const estimates = boardEstimatesMap(doc)
    records.observe(schedule)
    estimates.observe(schedule)
    return () => {
      records.unobserve(schedule)
      estimates.unobserve(schedule)
      if (timer) clearTimeout(timer)
    }
  }, [doc])
  return review
}
