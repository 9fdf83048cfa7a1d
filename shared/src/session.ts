import type { Phase } from './phases.js'
import type { Role } from './roles.js'

/** Limits on the create-session body, enforced by the server's schema and the lobby form. */
export const SESSION_LIMITS = { maxTitle: 120, maxProblem: 4000 } as const

export interface CreateSessionBody {
  title?: string
  problem?: string
  /** Id of a built-in problem, kept so "swap roles" can start the next round. */
  problemId?: string
  phases?: Phase[]
}

export interface SessionLinks {
  interviewer: string
  candidate: string
  observer: string
}

export interface CreateSessionResponse {
  id: string
  links: SessionLinks
}

export interface SessionInfo {
  id: string
  title: string
  problem: string
  problemId: string | null
  phases: Phase[]
  createdAt: number
  endedAt: number | null
  role: Role
  /** Server time when this response was made, for a first clock-offset estimate. */
  serverTime: number
}

/** Builds an invite link: the token rides in the fragment so it never reaches logs or Referer. */
export function inviteLink(sessionId: string, token: string): string {
  return `/s/${sessionId}#token=${token}`
}

/** Reads the token from a `#token=` fragment. */
export function tokenFromHash(hash: string): string | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''))
  const token = params.get('token')
  return token && token.length > 0 ? token : null
}
