import '../lobby/theme.css'

import { Chunk } from '../ui/Chunk'
import type { InterviewerPanelProps } from './InterviewerPanel.js'

// Only interviewers ever load this code; the board's critical JS stays smaller for everyone.
const loadPanel = () => import('./InterviewerPanel.js')

/** The interviewer panel, loaded on demand. Render it for role interviewer only. */
export function LazyInterviewerPanel(props: InterviewerPanelProps) {
  if (props.info.role !== 'interviewer') return null
  return (
    <Chunk
      load={loadPanel}
      fallback={<div className="mb-iv__loading">Loading…</div>}
      failed={<div className="mb-iv__loading">Couldn’t load the interviewer panel: reload the page.</div>}
    >
      {({ InterviewerPanel }) => <InterviewerPanel {...props} />}
    </Chunk>
  )
}
