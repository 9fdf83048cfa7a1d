import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { CandidateBody, errorResponses, SessionCandidate, SessionParams } from '@mockboard/shared/http'

import type { AppContext } from '../context.js'
import { acceptCandidate, workspaceKnownCandidates } from '../workspace/acceptCandidate.js'
import { requireCoach } from '../workspace/coachAccess.js'
import { removeSession } from '../workspace/removeSession.js'
import { perAddress } from './perAddress.js'

/** What the coach (interviewer token or workspace key) does to a session as a whole: delete it, name its candidate. */
export const sessionAdminRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  app.delete(
    '/api/sessions/:id',
    {
      schema: { params: SessionParams, response: { 204: {}, ...errorResponses } },
      // Each try reads the session: someone guessing at ids or keys pays from the reads budget.
      ...perAddress(ctx.config.http.readsPerMinute, 'MOCKBOARD_READS_PER_MINUTE'),
    },
    async (request, reply) => {
      const session = await requireCoach(ctx, request.params.id, request)
      await removeSession(ctx, session.id)
      return reply.code(204).send()
    },
  )

  app.get(
    '/api/sessions/:id/candidate',
    {
      schema: { params: SessionParams, response: { 200: SessionCandidate, ...errorResponses } },
      ...perAddress(ctx.config.http.readsPerMinute, 'MOCKBOARD_READS_PER_MINUTE'),
    },
    async (request, reply) => {
      const session = await requireCoach(ctx, request.params.id, request)
      const known =
        session.workspaceId === null ? [] : await workspaceKnownCandidates(ctx, session.workspaceId)
      return reply
        .header('cache-control', 'private, no-cache')
        .send({ candidate: session.candidate, inWorkspace: session.workspaceId !== null, known })
    },
  )

  app.put(
    '/api/sessions/:id/candidate',
    {
      schema: {
        params: SessionParams,
        body: CandidateBody,
        response: { 200: CandidateBody, ...errorResponses },
      },
      ...perAddress(ctx.config.http.readsPerMinute, 'MOCKBOARD_READS_PER_MINUTE'),
    },
    async (request) => {
      const session = await requireCoach(ctx, request.params.id, request)
      const candidate = await acceptCandidate(ctx, request.body.candidate, session.workspaceId)
      await ctx.storage.updateSession(session.id, { candidate })
      return { candidate }
    },
  )
}
