import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { errorResponses, Health } from '@mockboard/shared/http'

import { bearer, sameSecret } from '../auth.js'
import type { AppContext } from '../context.js'
import { HttpError } from '../errors.js'
import { passThrough } from './passThrough.js'

/** Operations: `/healthz` for load balancers and `/metrics` for Prometheus. */
export const healthRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  /** 503 while the store is unreachable or its last write failed (a full disk still answers pings). */
  app.get('/healthz', { schema: { response: { 200: Health, 503: Health } } }, async (_request, reply) => {
    // A full budget is reported, not a failure: live sessions still work (new ones get 507).
    const { usedBytes, maxBytes, full } = ctx.dataBudget
    const data = { usedBytes, maxBytes, full }
    const failure = ctx.storageHealth.lastFailure
    if (failure) {
      const since = new Date(failure.at).toISOString()
      return reply
        .code(503)
        .send({ ok: false, storage: ctx.storage.kind, data, error: 'last storage write failed', since })
    }
    try {
      await ctx.storage.ping()
      return { ok: true, storage: ctx.storage.kind, rooms: ctx.registry.roomCount, data }
    } catch (err) {
      ctx.logger.error({ err }, 'health check: storage unreachable')
      return reply
        .code(503)
        .send({ ok: false, storage: ctx.storage.kind, data, error: 'storage unreachable' })
    }
  })

  app.get(
    '/metrics',
    { schema: { response: { 200: passThrough<string>(), ...errorResponses } } },
    async (request, reply) => {
      const token = ctx.config.metricsToken
      if (token !== null && !sameSecret(bearer(request), token)) {
        throw new HttpError(401, 'metrics need Authorization: Bearer <MOCKBOARD_METRICS_TOKEN>')
      }
      reply.header('content-type', ctx.metrics.registry.contentType)
      return ctx.metrics.registry.metrics()
    },
  )
}
