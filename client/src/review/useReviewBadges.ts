import { readReviewBadges, settingsMap } from '@mockboard/shared'
import { useEffect, useState } from 'react'
import type * as Y from 'yjs'

/** Whether the session shows review badges on the board (the control doc's setting), kept current. */
export function useReviewBadges(control: Y.Doc | null): boolean {
  const [on, setOn] = useState(false)
  useEffect(() => {
    if (!control) return setOn(false)
    const map = settingsMap(control)
    const update = () => setOn(readReviewBadges(control))
    update()
    map.observe(update)
    return () => map.unobserve(update)
  }, [control])
  return on
}
