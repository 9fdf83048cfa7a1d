import { type FindingSpan, findingSpans } from '@mockboard/shared'
import { useEffect, useState } from 'react'

import { retryWhileBusy } from '../api/retryWhileBusy'
import type { SessionApi } from '../api/sessionApi'

const NONE: FindingSpan[] = []

/**
 * The design review's raised/resolved spans over the session, for the timeline. The review is
 * coaching material with its own access rule: when the server refuses it (403/404) or fails,
 * the replay simply shows no findings. A busy server (503: its replay reads all taken, as when the
 * page opens and streams the session) is asked again: marks missing for good looked like a
 * session without findings.
 */
export function useFindingSpans(api: SessionApi): FindingSpan[] {
  const [spans, setSpans] = useState<FindingSpan[]>(NONE)
  useEffect(() => {
    let live = true
    setSpans(NONE)
    retryWhileBusy(
      () => api.reviewEvents(),
      () => !live,
    ).then(
      (events) => live && setSpans(findingSpans(events)),
      () => live && setSpans(NONE),
    )
    return () => {
      live = false
    }
  }, [api])
  return spans
}
