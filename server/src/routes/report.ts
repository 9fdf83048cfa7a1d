import type { FastifyInstance } from 'fastify'

import { authorize, bearer } from '../auth.js'
import type { AppContext } from '../context.js'
import { buildReport } from '../report/buildReport.js'
import { renderMarkdown } from '../report/markdown.js'
import { perAddress } from './perAddress.js'
import { requireSession, SessionParams } from './sessionParams.js'

export function reportRoutes(app: FastifyInstance, ctx: AppContext): void {
  const budget = perAddress(ctx.config.http.readsPerMinute)
  const load = async (id: string, token: string | null) => {
    const claims = authorize(ctx.signer, token, id, ['interviewer', 'candidate'])
    const record = await requireSession(ctx.storage, id)
    return ctx.readGate.run(() => buildReport(ctx.storage, record, claims.role))
  }

  app.get<{ Params: SessionParams }>(
    '/api/sessions/:id/report.json',
    { schema: { params: SessionParams }, ...budget },
    async (request) => load(request.params.id, bearer(request)),
  )

  app.get<{ Params: SessionParams }>(
    '/api/sessions/:id/report.md',
    { schema: { params: SessionParams }, ...budget },
    async (request, reply) => {
      const report = await load(request.params.id, bearer(request))
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
    },
  )
}
