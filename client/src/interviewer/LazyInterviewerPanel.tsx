import '../lobby/theme.css'

import { lazy, Suspense } from 'react'

import type { InterviewerPanelProps } from './InterviewerPanel.js'

// Only interviewers ever load this code; the board's critical JS stays smaller for everyone.
const InterviewerPanel = lazy(() =>
  import('./InterviewerPanel.js').then((m) => ({ default: m.InterviewerPanel })),
)

/** The interviewer panel, loaded on demand. Render it for role interviewer only. */
export function LazyInterviewerPanel(props: InterviewerPanelProps) {
  if (props.info.role !== 'interviewer') return null
  return (
    <Suspense fallback={<div className="mb-iv__loading">Loading…</div>}>
      <InterviewerPanel {...props} />
    </Suspense>
  )
}
