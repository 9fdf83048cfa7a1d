import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { type SessionReport } from '@mockboard/shared'
import { errorResponses, SessionParams } from '@mockboard/shared/http'
import type { FastifyRequest } from 'fastify'

import type { AppContext } from '../context.js'
import { buildReport } from '../report/buildReport.js'
import { renderMarkdown } from '../report/markdown.js'
import { noStore } from './noStore.js'
import { passThrough } from './passThrough.js'
import { perAddress } from './perAddress.js'
import { accessOf, replayAccess } from './sessionAccess.js'

/** The written report, as JSON (the printable page reads it) and as Markdown. */
export const reportRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  // A report is personal data (scores, notes): no cache keeps it past a deletion.
  const options = {
    preHandler: replayAccess(ctx),
    ...perAddress(ctx.config.http.readsPerMinute, 'MOCKBOARD_READS_PER_MINUTE'),
    ...noStore,
  }
  const schema = <T>() => ({ params: SessionParams, response: { 200: passThrough<T>(), ...errorResponses } })
  const load = (request: FastifyRequest) => {
    const { claims, session } = accessOf(request)
    return ctx.readGate.run(() => buildReport(ctx.storage, ctx.docWorkers, session, claims.role))
  }

  app.get('/api/sessions/:id/report.json', { ...options, schema: schema<SessionReport>() }, async (request) =>
    load(request),
  )

  app.get('/api/sessions/:id/report.md', { ...options, schema: schema<string>() }, async (request, reply) => {
    const report = await load(request)
    const filename = `mockboard-${
      report.title
        .replace(/[^A-Za-z0-9-]+/g, '-')
        .slice(0, 60)
        .replace(/^-|-$/g, '') || 'report'
    }.md`
    return reply
      .type('text/markdown; charset=utf-8')
      .header('content-disposition', `attachment; filename="${filename}"`)
      .send(renderMarkdown(report))
  })
}
