import type { FastifyInstance } from 'fastify'

import { bearer, sameSecret } from '../auth.js'
import type { AppContext } from '../context.js'
import { HttpError } from '../errors.js'

export function healthRoutes(app: FastifyInstance, ctx: AppContext): void {
  /** 503 while the store is unreachable or its last write failed (a full disk still answers pings). */
  app.get('/healthz', async (_request, reply) => {
    const failure = ctx.storageHealth.lastFailure
    if (failure) {
      const since = new Date(failure.at).toISOString()
      return reply
        .code(503)
        .send({ ok: false, storage: ctx.storage.kind, error: 'last storage write failed', since })
    }
    try {
      await ctx.storage.ping()
      return { ok: true, storage: ctx.storage.kind, rooms: ctx.registry.roomCount }
    } catch (err) {
      ctx.logger.error({ err }, 'health check: storage unreachable')
      return reply.code(503).send({ ok: false, storage: ctx.storage.kind, error: 'storage unreachable' })
    }
  })

  app.get('/metrics', async (request, reply) => {
    const token = ctx.config.metricsToken
    if (token !== null && !sameSecret(bearer(request), token)) {
      throw new HttpError(401, 'metrics need Authorization: Bearer <MOCKBOARD_METRICS_TOKEN>')
    }
    reply.header('content-type', ctx.metrics.registry.contentType)
    return ctx.metrics.registry.metrics()
  })
}
