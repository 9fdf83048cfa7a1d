import {
  type CreateSessionResponse,
  DEFAULT_PHASES,
  inviteLink,
  PHASE_LIMITS,
  type Role,
  SESSION_LIMITS,
  type SessionInfo,
} from '@mockboard/shared'
import { type Static, Type } from '@sinclair/typebox'
import type { FastifyInstance } from 'fastify'

import { authorize, bearer, sameSecret } from '../auth.js'
import type { AppContext } from '../context.js'
import { HttpError } from '../errors.js'
import { seedSession } from '../seedSession.js'
import { newSessionId } from '../tokens.js'
import { PLAIN_LINE } from '../validation.js'
import { perAddress } from './perAddress.js'
import { requireSession, SessionParams } from './sessionParams.js'

const PhaseSchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: PHASE_LIMITS.maxNameLength, pattern: PLAIN_LINE }),
    minutes: Type.Integer({ minimum: PHASE_LIMITS.minMinutes, maximum: PHASE_LIMITS.maxMinutes }),
  },
  { additionalProperties: false },
)

const CreateBody = Type.Object(
  {
    title: Type.Optional(Type.String({ maxLength: SESSION_LIMITS.maxTitle, pattern: PLAIN_LINE })),
    problem: Type.Optional(Type.String({ maxLength: SESSION_LIMITS.maxProblem })),
    problemId: Type.Optional(Type.String({ maxLength: 64, pattern: '^[a-z0-9-]+$' })),
    phases: Type.Optional(
      Type.Array(PhaseSchema, { minItems: PHASE_LIMITS.minPhases, maxItems: PHASE_LIMITS.maxPhases }),
    ),
  },
  { additionalProperties: false },
)

export function sessionRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.post<{ Body: Static<typeof CreateBody> }>(
    '/api/sessions',
    {
      schema: { body: CreateBody },
      ...perAddress(ctx.config.http.createPerMinute),
      // Every field is optional, so an empty request body means "all defaults".
      preValidation: async (request) => {
        if (request.body === undefined || request.body === null) request.body = {}
      },
    },
    async (request, reply) => {
      if (ctx.config.createKey && !sameSecret(bearer(request), ctx.config.createKey)) {
        throw new HttpError(401, 'creating sessions needs Authorization: Bearer <MOCKBOARD_CREATE_KEY>')
      }
      const body = request.body
      const id = newSessionId()
      const now = Date.now()
      const phases = body.phases ?? DEFAULT_PHASES.map((p) => ({ ...p }))
      await ctx.storage.createSession({
        id,
        title: body.title?.trim() || 'Mock interview',
        problem: body.problem ?? '',
        problemId: body.problemId ?? null,
        phases,
        createdAt: now,
        endedAt: null,
        reportShared: false,
      })
      await seedSession(ctx.storage, id, phases, now)
      ctx.metrics.sessionsCreated.inc()
      const expiresAt = Math.floor(now / 1000) + ctx.config.tokenTtlDays * 86_400
      const link = (role: Role) => inviteLink(id, ctx.signer.sign({ sessionId: id, role, expiresAt }))
      const links = {
        interviewer: link('interviewer'),
        candidate: link('candidate'),
        observer: link('observer'),
      }
      const response: CreateSessionResponse = { id, links }
      return reply.code(201).send(response)
    },
  )

  app.get<{ Params: SessionParams }>(
    '/api/sessions/:id',
    { schema: { params: SessionParams } },
    async (request) => {
      const claims = authorize(ctx.signer, bearer(request), request.params.id)
      const session = await requireSession(ctx.storage, request.params.id)
      const info: SessionInfo = {
        id: session.id,
        title: session.title,
        problem: session.problem,
        problemId: session.problemId,
        phases: session.phases,
        createdAt: session.createdAt,
        endedAt: session.endedAt,
        role: claims.role,
        serverTime: Date.now(),
      }
      return info
    },
  )

  /** A cheap clock probe: clients measure their offset to server time from round trips. */
  app.get('/api/time', async () => ({ now: Date.now() }))
}
