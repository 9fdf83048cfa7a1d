import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { DEFAULT_PHASES, problemById, type Role } from '@mockboard/shared'
import {
  CreateSessionBody,
  CreateSessionResponse,
  errorResponses,
  SessionInfo,
  SessionParams,
  TimeResponse,
} from '@mockboard/shared/http'

import { bearer, sameSecret } from '../auth.js'
import type { AppContext } from '../context.js'
import { HttpError } from '../errors.js'
import { signedInviteLink } from '../inviteLink.js'
import { seedSession } from '../seedSession.js'
import { newSessionId } from '../tokens.js'
import { acceptCandidate } from '../workspace/acceptCandidate.js'
import { checkWorkspaceKey } from '../workspace/workspaceAccess.js'
import { noStore } from './noStore.js'
import { perAddress } from './perAddress.js'
import { requireDataRoom } from './requireDataRoom.js'
import { accessOf, sessionAccess } from './sessionAccess.js'

/** Creating a session, reading its metadata, and the clock probe. */
export const sessionRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.post(
    '/api/sessions',
    {
      schema: { body: CreateSessionBody, response: { 201: CreateSessionResponse, ...errorResponses } },
      ...perAddress(ctx.config.http.createPerMinute, 'MOCKBOARD_CREATE_PER_MINUTE'),
      ...noStore,
      // Every field is optional, so an empty request body means "all defaults".
      preValidation: async (request) => {
        if (request.body === undefined || request.body === null) request.body = {}
      },
    },
    async (request, reply) => {
      if (ctx.config.createKey && !sameSecret(bearer(request), ctx.config.createKey)) {
        throw new HttpError(401, 'creating sessions needs Authorization: Bearer <MOCKBOARD_CREATE_KEY>')
      }
      const body = request.body
      // Checked before anything is written: a wrong key creates nothing (403).
      const workspace = body.workspace
        ? await checkWorkspaceKey(ctx, body.workspace.id, body.workspace.key)
        : null
      const candidate = await acceptCandidate(ctx, body.candidate ?? '', workspace?.id ?? null)
      requireDataRoom(ctx.dataBudget)
      const id = newSessionId()
      const now = Date.now()
      const phases = body.phases ?? DEFAULT_PHASES.map((p) => ({ ...p }))
      await ctx.storage.createSession({
        id,
        title: body.title?.trim() || 'Mock interview',
        problem: body.problem ?? '',
        problemId: body.problemId ?? null,
        phases,
        createdAt: now,
        endedAt: null,
        reportShared: false,
        replayShared: false,
        workspaceId: workspace?.id ?? null,
        candidate,
      })
      const stated = body.problemId ? problemById(body.problemId)?.estimates : undefined
      await seedSession(ctx.storage, id, phases, now, stated, body.mode ?? 'interview')
      ctx.metrics.sessionsCreated.inc()
      if (workspace) ctx.summaries.changed(id)
      const link = (role: Role) => signedInviteLink(ctx, id, role, now)
      const links = {
        interviewer: link('interviewer'),
        candidate: link('candidate'),
        observer: link('observer'),
      }
      return reply.code(201).send({ id, links })
    },
  )

  app.get(
    '/api/sessions/:id',
    {
      schema: { params: SessionParams, response: { 200: SessionInfo, ...errorResponses } },
      preHandler: sessionAccess(ctx),
    },
    async (request) => {
      const { claims, session } = accessOf(request)
      return {
        id: session.id,
        title: session.title,
        problem: session.problem,
        problemId: session.problemId,
        phases: session.phases,
        createdAt: session.createdAt,
        endedAt: session.endedAt,
        role: claims.role,
        reportShared: session.reportShared,
        replayShared: session.replayShared,
        serverTime: Date.now(),
      }
    },
  )

  /** A cheap clock probe: clients measure their offset to server time from round trips. */
  app.get('/api/time', { schema: { response: { 200: TimeResponse } } }, async () => ({ now: Date.now() }))
}
