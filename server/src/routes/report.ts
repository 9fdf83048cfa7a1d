import { Type, type Static } from '@sinclair/typebox'
import type { FastifyInstance } from 'fastify'
import { authorize, bearer } from '../auth.js'
import type { AppContext } from '../context.js'
import { HttpError } from '../errors.js'
import { buildReport } from '../report/buildReport.js'
import { renderMarkdown } from '../report/markdown.js'

const Params = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) })

export function reportRoutes(app: FastifyInstance, ctx: AppContext): void {
  const load = async (id: string, token: string | null) => {
    const claims = authorize(ctx.signer, token, id, ['interviewer', 'candidate'])
    const record = await ctx.storage.getSession(id)
    if (!record) throw new HttpError(404, 'no such session')
    return buildReport(ctx.storage, record, claims.role)
  }

  app.get<{ Params: Static<typeof Params> }>('/api/sessions/:id/report.json', { schema: { params: Params } }, async (request) =>
    load(request.params.id, bearer(request)),
  )

  app.get<{ Params: Static<typeof Params> }>('/api/sessions/:id/report.md', { schema: { params: Params } }, async (request, reply) => {
    const report = await load(request.params.id, bearer(request))
    const filename = `mockboard-${report.title.replace(/[^A-Za-z0-9-]+/g, '-').slice(0, 60).replace(/^-|-$/g, '') || 'report'}.md`
    return reply
      .type('text/markdown; charset=utf-8')
      .header('content-disposition', `attachment; filename="${filename}"`)
      .send(renderMarkdown(report))
  })
}
