import type { WorkspaceCreated, WorkspaceSessions } from '@mockboard/shared'

import { apiFetch, apiJson } from './apiFetch'
import { createKeyOf } from './publicApi'

/** A coach workspace's calls, authorised by its key (`Authorization: Bearer`, never in a URL). */
export interface WorkspaceApi {
  readonly id: string
  readonly key: string
  /** Newest first; pages of 500 until every session is read (a workspace of thousands stays usable). */
  sessions(): Promise<WorkspaceSessions>
  /** Adds a session this browser holds the interviewer token of. */
  addSession(token: string): Promise<void>
  /** Deletes a session for good (its log, images, report). */
  deleteSession(sessionId: string): Promise<void>
  setCandidate(sessionId: string, candidate: string): Promise<void>
  /** New key: the old link stops working. */
  rotateKey(): Promise<WorkspaceCreated>
}

/** Most sessions one page view reads: enough for years of a coach's mocks, bounded all the same. */
const MAX_PAGES = 10

export function createWorkspaceApi(id: string, key: string): WorkspaceApi {
  const base = `/api/workspaces/${encodeURIComponent(id)}`
  return {
    id,
    key,
    sessions: async () => {
      let page = await apiJson<WorkspaceSessions>(`${base}/sessions?limit=500`, { token: key })
      const all = { ...page, sessions: [...page.sessions] }
      for (let i = 1; i < MAX_PAGES && page.next !== null; i++) {
        page = await apiJson<WorkspaceSessions>(
          `${base}/sessions?limit=500&before=${encodeURIComponent(page.next)}`,
          {
            token: key,
          },
        )
        all.sessions.push(...page.sessions)
      }
      return all
    },
    addSession: async (token) => {
      await apiFetch(`${base}/sessions`, { method: 'POST', token: key, json: { token } })
    },
    deleteSession: async (sessionId) => {
      await apiFetch(`/api/sessions/${encodeURIComponent(sessionId)}`, { method: 'DELETE', token: key })
    },
    setCandidate: async (sessionId, candidate) => {
      await apiFetch(`/api/sessions/${encodeURIComponent(sessionId)}/candidate`, {
        method: 'PUT',
        token: key,
        json: { candidate },
      })
    },
    rotateKey: () => apiJson(`${base}/key`, { method: 'POST', token: key }),
  }
}

/** POST /api/workspaces, with the remembered create key if there is one. */
export function createWorkspace(): Promise<WorkspaceCreated> {
  return apiJson('/api/workspaces', { method: 'POST', token: createKeyOf() })
}
