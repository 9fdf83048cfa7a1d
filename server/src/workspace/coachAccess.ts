import type { FastifyRequest } from 'fastify'

import { bearer } from '../auth.js'
import type { AppContext } from '../context.js'
import { HttpError } from '../errors.js'
import type { SessionRecord } from '../storage/Storage.js'
import { stillIssued } from './stillIssued.js'
import { workspaceKeyMatches } from './workspaceKey.js'

/**
 * Who may manage a session (delete it, name its candidate): its interviewer's token, or the key of
 * the workspace it belongs to. 401 for neither, 403 for another role's token, 404 for no such session.
 */
export async function requireCoach(
  ctx: Pick<AppContext, 'signer' | 'storage'>,
  id: string,
  request: FastifyRequest,
): Promise<SessionRecord> {
  const presented = bearer(request)
  if (!presented)
    throw new HttpError(401, 'missing credential: send Authorization: Bearer <token or workspace key>')
  const claims = ctx.signer.verify(presented)
  if (claims) {
    if (claims.sessionId !== id) throw new HttpError(401, 'invalid or expired token for this session')
    if (claims.role !== 'interviewer') throw new HttpError(403, `role ${claims.role} may not do this`)
  }
  const session = await ctx.storage.getSession(id)
  if (!session) throw new HttpError(404, 'no such session')
  if (claims) {
    if (!(await stillIssued(ctx.storage, claims, session)))
      throw new HttpError(401, 'this link was revoked: the workspace link was renewed since it was listed')
    return session
  }
  const workspace = session.workspaceId === null ? null : await ctx.storage.getWorkspace(session.workspaceId)
  if (!workspace || !workspaceKeyMatches(presented, workspace.keyHash))
    throw new HttpError(401, "invalid token, or not the key of this session's workspace")
  return session
}
