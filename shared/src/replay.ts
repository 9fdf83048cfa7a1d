import type { CameraSample } from './cameras.js'
import type { Estimates } from './estimates/computeEstimates.js'
import type { BoardInventory } from './inventory.js'
import type { Phase, PhaseSpan, TimerEvent } from './phases.js'
import type { DocName } from './protocol.js'
import type { FindingSpan } from './review/findingEvents.js'
import type { Bookmark, RubricScore } from './rubric.js'
import type { ReportTalk } from './voice/talk.js'

/** GET /api/sessions/:id/history */
export interface SessionHistory {
  id: string
  title: string
  problem: string
  plannedPhases: Phase[]
  createdAt: number
  /** First recorded activity (timer start or first edit); null when nothing happened. */
  startedAt: number | null
  endedAt: number | null
  /** Last recorded activity. */
  lastActivityAt: number | null
  phases: PhaseSpan[]
  timerEvents: TimerEvent[]
  /** Every stored update, columnar to stay small: `at[i]`, `doc[i]`, `seq[i]` (its number in that doc's log), `size[i]`. */
  updates: { at: number[]; doc: DocName[]; seq: number[]; size: number[] }
  /** Present for the interviewer, and for the candidate once the report is shared. */
  bookmarks?: Bookmark[]
  reportShared: boolean
  /** Each participant's camera over time, in time order: what "Follow" in the replay shows. */
  cameras?: CameraSample[]
}

/**
 * GET /api/sessions/:id/board: the board as the log leaves it, as records (the replay's first
 * instant, drawn before its log worker has built anything). `records`: each live record by id, as
 * `latestRecords` reads them; `seq`: the last update in it (0: none).
 */
export interface BoardAtEnd {
  seq: number
  records: [id: string, record: unknown][]
  /** The serialized tldraw schema the records were written with (null before the first write). */
  schema: unknown
  notes: string
}

/** GET /api/sessions/:id/report.json: everything the report shows (report.md renders the same). */
export interface SessionReport {
  id: string
  title: string
  problem: string
  createdAt: number
  startedAt: number | null
  endedAt: number | null
  phases: PhaseSpan[]
  notes: string
  inventory: BoardInventory
  /** Present for the interviewer, and for the candidate once the report is shared. */
  interviewer?: {
    rubric: Record<string, RubricScore>
    recommendation: string | null
    bookmarks: Bookmark[]
    privateNotes: string
  }
  /** The design review over the session (with `interviewer`): each finding's span and the estimates card. */
  designReview?: {
    findings: FindingSpan[]
    estimates: Estimates
  }
  /** Recorded voices (for whoever may hear them): who agreed and when, talk time per phase. */
  talk?: ReportTalk
}
