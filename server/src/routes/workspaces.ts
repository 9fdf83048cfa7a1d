import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { problemHead, WORKSPACE_LIMITS, workspaceLink } from '@mockboard/shared'
import {
  AddSessionBody,
  CreateWorkspaceBody,
  errorResponses,
  WorkspaceCreated,
  WorkspaceParams,
  WorkspaceSessions,
  WorkspaceSessionsQuery,
} from '@mockboard/shared/http'

import { bearer, sameSecret } from '../auth.js'
import type { AppContext } from '../context.js'
import { HttpError } from '../errors.js'
import { signedInviteLink } from '../inviteLink.js'
import { newSessionId } from '../tokens.js'
import { workspaceKnownCandidates } from '../workspace/acceptCandidate.js'
import { revokeKeyTag } from '../workspace/keyRevocation.js'
import { decodeListingCursor, encodeListingCursor } from '../workspace/listingCursor.js'
import { requireWorkspace } from '../workspace/workspaceAccess.js'
import { hashWorkspaceKey, newWorkspaceKey, workspaceKeyTag } from '../workspace/workspaceKey.js'
import { noStore } from './noStore.js'
import { perAddress } from './perAddress.js'
import { requireDataRoom } from './requireDataRoom.js'

/** Coach workspaces: create, rotate the key, list the sessions, add a session by its interviewer token. */
export const workspaceRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const created = (id: string, key: string) => ({ id, key, link: workspaceLink(id, key) })

  app.post(
    '/api/workspaces',
    {
      schema: { body: CreateWorkspaceBody, response: { 201: WorkspaceCreated, ...errorResponses } },
      ...perAddress(ctx.config.http.createPerMinute, 'MOCKBOARD_CREATE_PER_MINUTE'),
      ...noStore,
      // No field is needed, so an empty request body is fine; unknown fields are refused.
      preValidation: async (request) => {
        if (request.body === undefined || request.body === null) request.body = {}
      },
    },
    async (request, reply) => {
      if (ctx.config.createKey && !sameSecret(bearer(request), ctx.config.createKey)) {
        throw new HttpError(401, 'creating workspaces needs Authorization: Bearer <MOCKBOARD_CREATE_KEY>')
      }
      requireDataRoom(ctx.dataBudget)
      const id = newSessionId()
      const key = newWorkspaceKey()
      await ctx.storage.createWorkspace({ id, keyHash: hashWorkspaceKey(key), createdAt: Date.now() })
      return reply.code(201).send(created(id, key))
    },
  )

  app.post(
    '/api/workspaces/:id/key',
    {
      schema: { params: WorkspaceParams, response: { 200: WorkspaceCreated, ...errorResponses } },
      ...perAddress(ctx.config.http.createPerMinute, 'MOCKBOARD_CREATE_PER_MINUTE'),
      ...noStore,
    },
    async (request) => {
      const workspace = await requireWorkspace(ctx, request.params.id, request)
      const key = newWorkspaceKey()
      // Two rotations with the same key at once: one wins, the other's key is already rotated away.
      if (!(await ctx.storage.setWorkspaceKey(workspace.id, workspace.keyHash, hashWorkspaceKey(key))))
        throw new HttpError(403, 'wrong key for this workspace (it was rotated meanwhile)')
      revokeKeyTag(ctx.registry, ctx.fanout, workspaceKeyTag(workspace.keyHash))
      return created(workspace.id, key)
    },
  )

  app.get(
    '/api/workspaces/:id/sessions',
    {
      schema: {
        params: WorkspaceParams,
        querystring: WorkspaceSessionsQuery,
        response: { 200: WorkspaceSessions, ...errorResponses },
      },
      ...perAddress(ctx.config.http.readsPerMinute, 'MOCKBOARD_READS_PER_MINUTE'),
      ...noStore,
    },
    async (request) => {
      const workspace = await requireWorkspace(ctx, request.params.id, request)
      const limit = Number(request.query.limit ?? WORKSPACE_LIMITS.defaultPage)
      if (limit < 1 || limit > WORKSPACE_LIMITS.maxPage)
        throw new HttpError(400, `querystring/limit must be from 1 to ${WORKSPACE_LIMITS.maxPage}`)
      const after = decodeListingCursor(request.query.before)
      // Through the read gate like the replay and report reads: a page of 500 rows is a few
      // hundred kB to build, so concurrent listings wait their turn (503 past the queue).
      const [rows, candidates] = await ctx.readGate.run(() =>
        Promise.all([
          ctx.storage.listWorkspaceSessions(workspace.id, after, limit),
          workspaceKnownCandidates(ctx, workspace.id),
        ]),
      )
      const now = Date.now()
      const keyTag = workspaceKeyTag(workspace.keyHash)
      return {
        sessions: rows.map((s) => ({
          id: s.id,
          title: s.title,
          problem: problemHead(s.problem),
          problemId: s.problemId,
          candidate: s.candidate,
          createdAt: s.createdAt,
          endedAt: s.endedAt,
          interviewerLink: signedInviteLink(ctx, s.id, 'interviewer', now, keyTag),
          summary: s.summary,
        })),
        candidates,
        next: rows.length === limit ? encodeListingCursor(rows.at(-1)!) : null,
      }
    },
  )

  /** A session this browser holds the interviewer link of joins the workspace (the "add" button). */
  app.post(
    '/api/workspaces/:id/sessions',
    {
      schema: { params: WorkspaceParams, body: AddSessionBody, response: { 204: {}, ...errorResponses } },
      ...perAddress(ctx.config.http.createPerMinute, 'MOCKBOARD_CREATE_PER_MINUTE'),
    },
    async (request, reply) => {
      const workspace = await requireWorkspace(ctx, request.params.id, request)
      const claims = ctx.signer.verify(request.body.token)
      if (!claims) throw new HttpError(400, 'body/token is not a valid invite token')
      if (claims.role !== 'interviewer') throw new HttpError(403, 'only the interviewer link adds a session')
      const session = await ctx.storage.getSession(claims.sessionId)
      if (!session) throw new HttpError(404, 'no such session')
      if (session.workspaceId !== null && session.workspaceId !== workspace.id)
        throw new HttpError(409, 'the session belongs to another workspace')
      if (session.workspaceId === null) {
        // Claimed only if still in no workspace: of two workspaces adding it at once, one wins.
        if (!(await ctx.storage.claimSession(session.id, workspace.id))) {
          const now = await ctx.storage.getSession(session.id)
          if (now?.workspaceId !== workspace.id)
            throw new HttpError(409, 'the session belongs to another workspace')
        }
        await ctx.summaries.refreshNow(session.id)
      }
      return reply.code(204).send()
    },
  )
}
