/** Limits on the create-session body, enforced by the server's schema and the lobby form. */
export const SESSION_LIMITS = { maxTitle: 120, maxProblem: 4000 } as const

// The wire types are inferred from the API's schemas (shared/src/http), which the server validates with.
export type { CreateSessionBody, CreateSessionResponse, SessionInfo, SessionLinks } from './http/sessions.js'
export type {
  SessionSummary,
  WorkspaceCreated,
  WorkspaceSession,
  WorkspaceSessions,
} from './http/workspaces.js'

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
