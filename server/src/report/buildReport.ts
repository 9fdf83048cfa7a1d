import {
  boardInventory,
  phaseSpans,
  readBoardNotes,
  readBoardRecords,
  readPrivate,
  readTimer,
  type Role,
  type SessionReport,
} from '@mockboard/shared'

import { loadYDoc } from '../replay/docState.js'
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
  const timer = readTimer(control)
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
    notes: readBoardNotes(board),
    inventory: boardInventory(readBoardRecords(board)),
  }
  if (role === 'interviewer' || record.reportShared) {
    const priv = readPrivate(await loadYDoc(storage, record.id, 'private'))
    report.interviewer = {
      rubric: priv.scores,
      recommendation: priv.recommendation,
      bookmarks: priv.bookmarks,
      privateNotes: priv.notes,
    }
  }
  board.destroy()
  control.destroy()
  return report
}
