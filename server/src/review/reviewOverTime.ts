import {
  type FindingEvent,
  findingEvents,
  readBoardEstimates,
  readBoardRecords,
  reviewBoard,
} from '@mockboard/shared'
import * as Y from 'yjs'

/** At most this many instants are reviewed per session: a long session's updates are bucketed. */
const MAX_REVIEWS = 2_000
/** Finest bucket: a finding raised and resolved within one second is not worth a timeline mark. */
const MIN_BUCKET_MS = 1_000

/**
 * When each finding was raised and resolved over a session: the board's updates (oldest first)
 * are applied in turn and the board is reviewed at the end of every time bucket that changed it.
 */
export function reviewOverTime(updates: readonly { at: number; data: Uint8Array }[]): FindingEvent[] {
  if (updates.length === 0) return []
  const span = updates[updates.length - 1]!.at - updates[0]!.at
  const bucketMs = Math.max(MIN_BUCKET_MS, Math.ceil(span / MAX_REVIEWS))
  const doc = new Y.Doc()
  try {
    const reviews: { at: number; findings: ReturnType<typeof reviewBoard>['findings'] }[] = []
    for (let i = 0; i < updates.length; i++) {
      const u = updates[i]!
      Y.applyUpdate(doc, u.data)
      const next = updates[i + 1]
      if (next && Math.floor(next.at / bucketMs) === Math.floor(u.at / bucketMs)) continue
      reviews.push({
        at: u.at,
        findings: reviewBoard(readBoardRecords(doc), readBoardEstimates(doc)).findings,
      })
    }
    return findingEvents(reviews)
  } finally {
    doc.destroy()
  }
}
