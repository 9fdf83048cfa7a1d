import type { FastifyInstance } from 'fastify'
import type { AppContext } from '../context.js'

export function healthRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/healthz', async (_request, reply) => {
    try {
      await ctx.storage.ping()
      return { ok: true, storage: ctx.storage.kind, rooms: ctx.registry.roomCount }
    } catch (err) {
      ctx.logger.error({ err }, 'health check: storage unreachable')
      return reply.code(503).send({ ok: false, storage: ctx.storage.kind, error: 'storage unreachable' })
    }
  })

  app.get('/metrics', async (_request, reply) => {
    reply.header('content-type', ctx.metrics.registry.contentType)
    return ctx.metrics.registry.metrics()
  })
}
