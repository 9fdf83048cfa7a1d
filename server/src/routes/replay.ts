import { Type, type Static } from '@sinclair/typebox'
import type { FastifyInstance } from 'fastify'
import { DOC_NAMES, accessFor, phaseSpans, type SessionHistory } from '@mockboard/shared'
import { authorize, bearer } from '../auth.js'
import type { AppContext } from '../context.js'
import { HttpError } from '../errors.js'
import { loadYDoc, stateAt } from '../replay/docState.js'
import { privateOf, timerOf } from '../replay/readDocs.js'
import { SessionParams, requireSession } from './sessionParams.js'

const StateQuery = Type.Object({
  doc: Type.Union(DOC_NAMES.map((d) => Type.Literal(d))),
  at: Type.String({ pattern: '^[0-9]{1,15}$' }),
})

/** Replay reads: the timeline of a session, and any document as it was at any instant. */
export function replayRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get<{ Params: SessionParams }>('/api/sessions/:id/history', { schema: { params: SessionParams } }, async (request) => {
    const { id } = request.params
    const claims = authorize(ctx.signer, bearer(request), id, ['interviewer', 'candidate'])
    const record = await requireSession(ctx.storage, id)
    const interviewer = claims.role === 'interviewer'
    const events = (await ctx.storage.listUpdates(id)).filter((e) => interviewer || e.doc !== 'private')
    const control = timerOf(await loadYDoc(ctx.storage, id, 'control'))
    const plan = control.plan ?? record.phases
    const lastActivityAt = events.at(-1)?.at ?? null
    const endedAt = record.endedAt ?? control.state?.endedAt ?? null
    const startedAt = Math.min(control.state?.startedAt ?? Infinity, events[0]?.at ?? Infinity)
    const history: SessionHistory = {
      id,
      title: record.title,
      problem: record.problem,
      plannedPhases: plan,
      createdAt: record.createdAt,
      startedAt: Number.isFinite(startedAt) ? startedAt : null,
      endedAt,
      lastActivityAt,
      phases: phaseSpans(plan, control.events, endedAt ?? lastActivityAt ?? Date.now()),
      timerEvents: control.events,
      updates: { at: events.map((e) => e.at), doc: events.map((e) => e.doc), size: events.map((e) => e.size) },
      reportShared: record.reportShared,
    }
    if (interviewer || record.reportShared) history.bookmarks = privateOf(await loadYDoc(ctx.storage, id, 'private')).bookmarks
    return history
  })

  app.get<{ Params: SessionParams; Querystring: Static<typeof StateQuery> }>(
    '/api/sessions/:id/state',
    { schema: { params: SessionParams, querystring: StateQuery } },
    async (request, reply) => {
      const { id } = request.params
      const { doc } = request.query
      const claims = authorize(ctx.signer, bearer(request), id, ['interviewer', 'candidate'])
      if (accessFor(doc, claims.role) === 'none') throw new HttpError(403, `role ${claims.role} may not read ${doc}`)
      await requireSession(ctx.storage, id)
      const update = await stateAt(ctx.storage, id, doc, Number(request.query.at))
      return reply.header('cache-control', 'private, no-cache').type('application/octet-stream').send(Buffer.from(update.buffer, update.byteOffset, update.byteLength))
    },
  )

  /** The interviewer shares (or unshares) the rubric and bookmarks with the candidate. */
  app.put<{ Params: SessionParams; Body: { shared: boolean } }>(
    '/api/sessions/:id/share',
    { schema: { params: SessionParams, body: Type.Object({ shared: Type.Boolean() }, { additionalProperties: false }) } },
    async (request) => {
      const { id } = request.params
      authorize(ctx.signer, bearer(request), id, ['interviewer'])
      await requireSession(ctx.storage, id)
      await ctx.storage.updateSession(id, { reportShared: request.body.shared })
      return { shared: request.body.shared }
    },
  )
}
