import { type FindingSpan, findingSpans } from '@mockboard/shared'
import { useEffect, useState } from 'react'

import type { SessionApi } from '../api/sessionApi'

const NONE: FindingSpan[] = []

/**
 * The design review's raised/resolved spans over the session, for the timeline. The review is
 * coaching material with its own access rule: when the server refuses it (403/404) or fails,
 * the replay simply shows no findings.
 */
export function useFindingSpans(api: SessionApi): FindingSpan[] {
  const [spans, setSpans] = useState<FindingSpan[]>(NONE)
  useEffect(() => {
    let live = true
    setSpans(NONE)
    api.reviewEvents().then(
      (events) => live && setSpans(findingSpans(events)),
      () => live && setSpans(NONE),
    )
    return () => {
      live = false
    }
  }, [api])
  return spans
}
