import { canReplay } from '@mockboard/shared'
import type { SessionParams } from '@mockboard/shared/http'
import type { FastifyRequest } from 'fastify'

import { authorize, bearer, type RolePolicy } from '../auth.js'
import type { AppContext } from '../context.js'
import { HttpError } from '../errors.js'
import type { SessionRecord } from '../storage/Storage.js'
import type { TokenClaims } from '../tokens.js'
import { stillIssued } from '../workspace/stillIssued.js'

/** A caller whose token opens the `:id` session, and that session. */
export interface SessionAccess {
  claims: TokenClaims
  session: SessionRecord
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by a `sessionAccess` hook before the handler runs (null on routes without one). */
    access: SessionAccess | null
  }
}

/**
 * The route hook of every `/api/sessions/:id…` route that needs a token: verifies
 * `Authorization: Bearer`, loads the session and puts both on the request. 401 for a missing,
 * forged, expired or other-session token; 403 when `may` refuses the role; 404 for no such session.
 * Used as `preHandler` (after validation, so a bad field is still named first), or as `onRequest`
 * where no byte of the body may be read before the caller is known (uploads).
 */
export function sessionAccess(ctx: Pick<AppContext, 'signer' | 'storage'>, may?: RolePolicy) {
  return async (request: FastifyRequest<{ Params: SessionParams }>): Promise<void> => {
    const { id } = request.params
    const claims = authorize(ctx.signer, bearer(request), id, may)
    const session = await ctx.storage.getSession(id)
    if (!session) throw new HttpError(404, 'no such session')
    if (!(await stillIssued(ctx.storage, claims, session)))
      throw new HttpError(401, 'this link was revoked: the workspace link was renewed since it was listed')
    request.access = { claims, session }
  }
}

/**
 * `sessionAccess` for the replay and the report: the rule needs the session as well as the role
 * (an observer may once the interviewer shared the replay), so it runs after the session is loaded.
 */
export function replayAccess(ctx: Pick<AppContext, 'signer' | 'storage'>) {
  const hook = sessionAccess(ctx)
  return async (request: FastifyRequest<{ Params: SessionParams }>): Promise<void> => {
    await hook(request)
    const { claims, session } = accessOf(request)
    if (!canReplay(claims.role, session.replayShared))
      throw new HttpError(403, `role ${claims.role} may not open the replay until the interviewer shares it`)
  }
}

/** What the route's `sessionAccess` hook found. */
export function accessOf(request: FastifyRequest): SessionAccess {
  if (!request.access) throw new Error(`${request.routeOptions.url ?? request.url} has no sessionAccess hook`)
  return request.access
}
