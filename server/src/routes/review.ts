import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { canReplay, type FindingEvent, type Review } from '@mockboard/shared'
import { errorResponses, ReviewQuery, SessionParams } from '@mockboard/shared/http'
import type { FastifyRequest } from 'fastify'

import type { AppContext } from '../context.js'
import { HttpError } from '../errors.js'
import { ReviewEventsCache } from '../review/ReviewEventsCache.js'
import { storedParts } from '../storage/Storage.js'
import { passThrough } from './passThrough.js'
import { perAddress } from './perAddress.js'
import { accessOf, sessionAccess } from './sessionAccess.js'

/**
 * The design review (findings and capacity estimates) is coaching material: the interviewer's,
 * and the others' once the interviewer shares the report (an observer also needs the replay shared).
 */
export function reviewAccess(ctx: Pick<AppContext, 'signer' | 'storage'>) {
  const hook = sessionAccess(ctx)
  return async (request: FastifyRequest<{ Params: SessionParams }>): Promise<void> => {
    await hook(request)
    const { claims, session } = accessOf(request)
    if (claims.role === 'interviewer') return
    if (!session.reportShared || !canReplay(claims.role, session.replayShared))
      throw new HttpError(
        403,
        `role ${claims.role} may not read the review until the interviewer shares the report`,
      )
  }
}

/** `GET …/review?at=` and `GET …/review/events`: reads of the whole board, budgeted like `state`. */
export const reviewRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const options = {
    preHandler: reviewAccess(ctx),
    ...perAddress(ctx.config.http.readsPerMinute, 'MOCKBOARD_READS_PER_MINUTE'),
  }
  const findingEvents = new ReviewEventsCache(ctx)

  app.get(
    '/api/sessions/:id/review',
    {
      ...options,
      schema: {
        params: SessionParams,
        querystring: ReviewQuery,
        response: { 200: passThrough<Review>(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { id } = request.params
      const at = request.query.at
      const review = await ctx.readGate.run(async () => {
        const stored =
          at === undefined
            ? await ctx.storage.loadDoc(id, 'board')
            : await ctx.storage.loadDocAt(id, 'board', Number(at))
        return ctx.docWorkers.run({ type: 'review', board: storedParts(stored) })
      })
      return reply.header('cache-control', 'private, no-cache').send(review)
    },
  )

  app.get(
    '/api/sessions/:id/review/events',
    {
      ...options,
      schema: {
        params: SessionParams,
        response: { 200: passThrough<{ events: FindingEvent[] }>(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const events = await ctx.readGate.run(() => findingEvents.of(request.params.id))
      return reply.header('cache-control', 'private, no-cache').send({ events })
    },
  )
}
