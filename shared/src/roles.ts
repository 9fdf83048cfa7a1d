import type { DocName } from './protocol.js'

export const ROLES = ['interviewer', 'candidate', 'observer'] as const
export type Role = (typeof ROLES)[number]

/** What a role may do with one document: nothing, read (sync + presence), or write. */
export type Access = 'none' | 'read' | 'write'

const ACCESS: Record<DocName, Record<Role, Access>> = {
  board: { interviewer: 'write', candidate: 'write', observer: 'read' },
  control: { interviewer: 'write', candidate: 'read', observer: 'read' },
  private: { interviewer: 'write', candidate: 'none', observer: 'none' },
}

/** The permission table of PRODUCT.md, enforced by the server and mirrored in the UI. */
export function accessFor(doc: DocName, role: Role): Access {
  return ACCESS[doc][role]
}

/** Who may open the replay and the report: interviewer and candidate; an observer once the interviewer shared it. */
export function canReplay(role: Role, replayShared: boolean): boolean {
  return role !== 'observer' || replayShared
}
