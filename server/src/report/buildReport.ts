import { boardInventory, phaseSpans, type Role, type SessionReport } from '@mockboard/shared'

import { loadYDoc } from '../replay/docState.js'
import { boardNotes, boardRecords, privateOf, timerOf } from '../replay/readDocs.js'
import type { Storage } from '../storage/Storage.js'
import type { SessionRecord } from '../storage/Storage.js'

/** Gathers the report of a session as it stands now; interviewer data only where allowed. */
export async function buildReport(
  storage: Storage,
  record: SessionRecord,
  role: Role,
): Promise<SessionReport> {
  const [board, control] = await Promise.all([
    loadYDoc(storage, record.id, 'board'),
    loadYDoc(storage, record.id, 'control'),
  ])
  const timer = timerOf(control)
  const plan = timer.plan ?? record.phases
  const endedAt = record.endedAt ?? timer.state?.endedAt ?? null
  const report: SessionReport = {
    id: record.id,
    title: record.title,
    problem: record.problem,
    createdAt: record.createdAt,
    startedAt: timer.state?.startedAt ?? null,
    endedAt,
    phases: phaseSpans(plan, timer.events, endedAt ?? Date.now()),
    notes: boardNotes(board),
    inventory: boardInventory(boardRecords(board)),
  }
  if (role === 'interviewer' || record.reportShared) {
    const priv = privateOf(await loadYDoc(storage, record.id, 'private'))
    report.interviewer = {
      rubric: priv.rubric,
      recommendation: priv.recommendation,
      bookmarks: priv.bookmarks,
      privateNotes: priv.notes,
    }
  }
  board.destroy()
  control.destroy()
  return report
}
