import type { FastifyRequest } from 'fastify'

import { bearer } from '../auth.js'
import type { AppContext } from '../context.js'
import { HttpError } from '../errors.js'
import type { WorkspaceRecord } from '../storage/Storage.js'
import { workspaceKeyMatches } from './workspaceKey.js'

/**
 * The key check of every `/api/workspaces/:id…` route (`Authorization: Bearer <key>`): 401 without
 * a key, 404 for no such workspace, 403 for a key that is not this workspace's (another workspace's
 * key, an invite token, a rotated-away key). Returns the workspace.
 */
export async function requireWorkspace(
  ctx: Pick<AppContext, 'storage'>,
  id: string,
  request: FastifyRequest,
): Promise<WorkspaceRecord> {
  return checkWorkspaceKey(ctx, id, bearer(request))
}

/** The same check for a key that arrives another way (the `workspace` of a create-session body). */
export async function checkWorkspaceKey(
  ctx: Pick<AppContext, 'storage'>,
  id: string,
  key: string | null,
): Promise<WorkspaceRecord> {
  if (!key) throw new HttpError(401, 'missing workspace key: send Authorization: Bearer <key>')
  const workspace = await ctx.storage.getWorkspace(id)
  if (!workspace) throw new HttpError(404, 'no such workspace')
  if (!workspaceKeyMatches(key, workspace.keyHash)) throw new HttpError(403, 'wrong key for this workspace')
  return workspace
}
