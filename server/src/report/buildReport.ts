import { findingSpans, phaseSpans, type Role, type SessionReport } from '@mockboard/shared'

import type { DocWorkerPool } from '../replay/DocWorkerPool.js'
import { loadParts } from '../replay/readStored.js'
import { reviewEventsOf } from '../review/reviewEventsOf.js'
import { mayListen } from '../routes/mayListen.js'
import type { SessionRecord, Storage } from '../storage/Storage.js'
import { reportTalk } from './reportTalk.js'

/** Gathers the report of a session as it stands now; interviewer data only where allowed. */
export async function buildReport(
  storage: Storage,
  workers: DocWorkerPool,
  record: SessionRecord,
  role: Role,
): Promise<SessionReport> {
  const withPrivate = role === 'interviewer' || record.reportShared
  const [board, control, priv] = await Promise.all([
    loadParts(storage, record.id, 'board'),
    loadParts(storage, record.id, 'control'),
    withPrivate ? loadParts(storage, record.id, 'private') : null,
  ])
  // The Y.Docs are built on a worker: a big board takes seconds of CPU.
  const read = await workers.run({ type: 'report', board, control, private: priv })
  const plan = read.timer.plan ?? record.phases
  const endedAt = record.endedAt ?? read.timer.state?.endedAt ?? null
  const report: SessionReport = {
    id: record.id,
    title: record.title,
    problem: record.problem,
    createdAt: record.createdAt,
    startedAt: read.timer.state?.startedAt ?? null,
    endedAt,
    phases: phaseSpans(plan, read.timer.events, endedAt ?? Date.now()),
    notes: read.notes,
    inventory: read.inventory,
  }
  if (read.private) {
    report.interviewer = {
      rubric: read.private.scores,
      recommendation: read.private.recommendation,
      bookmarks: read.private.bookmarks,
      privateNotes: read.private.notes,
    }
    // Coaching material like the rubric: the board's findings over the session and its estimates.
    const [events, final] = await Promise.all([
      reviewEventsOf({ storage, docWorkers: workers }, record.id),
      workers.run({ type: 'review', board }),
    ])
    report.designReview = { findings: findingSpans(events), estimates: final.estimates }
  }
  // Talk time and consent follow the recordings' own rule: whoever may hear them.
  if (mayListen(role, record)) {
    const talk = await reportTalk(storage, record.id, report.phases, endedAt ?? Date.now())
    if (talk) report.talk = talk
  }
  return report
}
