import {
  accessFor,
  DOC_NAMES,
  type DocName,
  encodeSegment,
  phaseSpans,
  type SessionHistory,
} from '@mockboard/shared'
import { type Static, Type } from '@sinclair/typebox'
import type { FastifyInstance, FastifyRequest } from 'fastify'

import { authorize, bearer } from '../auth.js'
import type { AppContext } from '../context.js'
import { HttpError } from '../errors.js'
import { loadYDoc, stateAt } from '../replay/docState.js'
import { privateOf, timerOf } from '../replay/readDocs.js'
import type { SessionRecord } from '../storage/Storage.js'
import { perAddress } from './perAddress.js'
import { requireSession, SessionParams } from './sessionParams.js'

const StateQuery = Type.Object({
  doc: Type.Union(DOC_NAMES.map((d) => Type.Literal(d))),
  at: Type.String({ pattern: '^[0-9]{1,15}$' }),
})

const SegmentQuery = Type.Object({
  doc: Type.Union(DOC_NAMES.map((d) => Type.Literal(d))),
  seq: Type.String({ pattern: '^[0-9]{1,15}$' }),
  snapshot: Type.Optional(Type.Union([Type.Literal('0'), Type.Literal('1')])),
})

const octets = (data: Uint8Array) => Buffer.from(data.buffer, data.byteOffset, data.byteLength)

/** Replay reads: the timeline of a session, and any document as it was at any instant. */
export function replayRoutes(app: FastifyInstance, ctx: AppContext): void {
  // Each of these reads storage and encodes up to a whole document: budgeted per client address.
  const budget = perAddress(ctx.config.http.readsPerMinute)
  /** Interviewer or candidate of an existing session, and (for `private`) the interviewer only. */
  const authorizeDocRead = async (request: FastifyRequest, id: string, doc: DocName): Promise<void> => {
    const claims = authorize(ctx.signer, bearer(request), id, ['interviewer', 'candidate'])
    if (accessFor(doc, claims.role) === 'none')
      throw new HttpError(403, `role ${claims.role} may not read ${doc}`)
    await requireSession(ctx.storage, id)
  }

  app.get<{ Params: SessionParams }>(
    '/api/sessions/:id/history',
    { schema: { params: SessionParams }, ...budget },
    async (request, reply) => {
      const { id } = request.params
      const claims = authorize(ctx.signer, bearer(request), id, ['interviewer', 'candidate'])
      const record = await requireSession(ctx.storage, id)
      // Serialised inside the gate: the JSON text is the largest allocation of this route.
      const body = await ctx.readGate.run(async () =>
        JSON.stringify(await buildHistory(id, record, claims.role === 'interviewer')),
      )
      return reply.type('application/json; charset=utf-8').send(body)
    },
  )

  /** The timeline: every stored update's time and size (~35 bytes of JSON each), phases, bookmarks. */
  const buildHistory = async (
    id: string,
    record: SessionRecord,
    interviewer: boolean,
  ): Promise<SessionHistory> => {
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
      updates: {
        at: events.map((e) => e.at),
        doc: events.map((e) => e.doc),
        seq: events.map((e) => e.seq),
        size: events.map((e) => e.size),
      },
      reportShared: record.reportShared,
    }
    if (interviewer || record.reportShared)
      history.bookmarks = privateOf(await loadYDoc(ctx.storage, id, 'private')).bookmarks
    return history
  }

  app.get<{ Params: SessionParams; Querystring: Static<typeof StateQuery> }>(
    '/api/sessions/:id/state',
    { schema: { params: SessionParams, querystring: StateQuery }, ...budget },
    async (request, reply) => {
      const { id } = request.params
      const { doc } = request.query
      await authorizeDocRead(request, id, doc)
      const update = await ctx.readGate.run(() => stateAt(ctx.storage, id, doc, Number(request.query.at)))
      return reply
        .header('cache-control', 'private, no-cache')
        .type('application/octet-stream')
        .send(octets(update))
    },
  )

  /**
   * The stretch of the log holding update `seq` (see Storage.Segment and shared/segment.ts): the
   * replay page rebuilds every instant of it locally, so scrubbing inside it costs no requests.
   * `snapshot=0` leaves out the opening snapshot for a client that already holds that state.
   */
  app.get<{ Params: SessionParams; Querystring: Static<typeof SegmentQuery> }>(
    '/api/sessions/:id/segment',
    { schema: { params: SessionParams, querystring: SegmentQuery }, ...budget },
    async (request, reply) => {
      const { id } = request.params
      const { doc } = request.query
      await authorizeDocRead(request, id, doc)
      const omit = request.query.snapshot === '0'
      const { segment, body } = await ctx.readGate.run(async () => {
        const segment = await ctx.storage.loadSegment(id, doc, Number(request.query.seq))
        const snapshot = segment.snapshot
        const body = encodeSegment(
          {
            snapshot: {
              seq: snapshot?.seq ?? 0,
              at: snapshot?.at ?? 0,
              size: snapshot?.data.byteLength ?? 0,
            },
            snapshotOmitted: omit,
            closedBy: segment.closedBy,
            updates: segment.tail.map((u) => ({ seq: u.seq, at: u.at, size: u.data.byteLength })),
          },
          omit ? null : (snapshot?.data ?? null),
          segment.tail.map((u) => u.data),
        )
        return { segment, body }
      })
      // A closed segment never changes: the log is append-only.
      const cache = segment.closedBy === null ? 'private, no-cache' : 'private, max-age=31536000, immutable'
      return reply.header('cache-control', cache).type('application/octet-stream').send(octets(body))
    },
  )

  /** The interviewer shares (or unshares) the rubric and bookmarks with the candidate. */
  app.put<{ Params: SessionParams; Body: { shared: boolean } }>(
    '/api/sessions/:id/share',
    {
      schema: {
        params: SessionParams,
        body: Type.Object({ shared: Type.Boolean() }, { additionalProperties: false }),
      },
    },
    async (request) => {
      const { id } = request.params
      authorize(ctx.signer, bearer(request), id, ['interviewer'])
      await requireSession(ctx.storage, id)
      await ctx.storage.updateSession(id, { reportShared: request.body.shared })
      return { shared: request.body.shared }
    },
  )
}
