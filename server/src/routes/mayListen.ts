import { canReplay, type Role } from '@mockboard/shared'

import type { SessionRecord } from '../storage/Storage.js'

/** Who may hear the recordings: the interviewer; the others once the report is shared with them. */
export function mayListen(
  role: Role,
  session: Pick<SessionRecord, 'reportShared' | 'replayShared'>,
): boolean {
  if (role === 'interviewer') return true
  return session.reportShared && canReplay(role, session.replayShared)
}

export const listenRefused = (role: Role) =>
  `role ${role} may not hear the recordings until the report is shared`
