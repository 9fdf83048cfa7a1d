import type { ReactNode } from 'react'

import { replayHref } from '../replay/deepLink'

interface Props {
  sessionId: string
  /** Server epoch ms of the moment, or null when it never happened. */
  at: number | null
  /** The clock's 0:00 (the report's `startedAt`); without it a moment has no offset to link to. */
  startedAt: number | null
  className?: string
  children: ReactNode
}

/** A report entry that opens the replay at its moment (same tab: the access key stays in this tab). */
export function MomentLink({ sessionId, at, startedAt, className, children }: Props) {
  if (at === null || startedAt === null) return <span className={className}>{children}</span>
  return (
    <a
      className={className}
      href={replayHref(sessionId, at - startedAt)}
      title="Open the replay at this moment"
    >
      {children}
    </a>
  )
}
