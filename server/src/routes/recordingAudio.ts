import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { AudioQuery, errorResponses, RecordingParams } from '@mockboard/shared/http'
import type { FastifyRequest } from 'fastify'

import type { AppContext } from '../context.js'
import { HttpError } from '../errors.js'
import { audioRange } from './audioRange.js'
import { verifyListenTicket } from './listenTicket.js'
import { listenRefused, mayListen } from './mayListen.js'
import { passThrough } from './passThrough.js'
import { accessOf, sessionAccess } from './sessionAccess.js'

/**
 * `GET /api/sessions/:id/recordings/:recordingId/audio`: one take, whole or by a byte range (the
 * replay's `<audio>` elements seek by ranges). Opened by the Bearer header, or by the `?ticket=`
 * the list hands out for that take (see listenTicket.ts); either way the sharing rule is applied
 * again on every read.
 */
export const recordingAudioRoute: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const anyone = sessionAccess(ctx)
  const access = async (request: FastifyRequest<{ Params: RecordingParams; Querystring: AudioQuery }>) => {
    const { ticket } = request.query
    if (ticket === undefined) return anyone(request)
    const role = verifyListenTicket(
      ctx.signer,
      { sessionId: request.params.id, recordingId: request.params.recordingId },
      ticket,
    )
    if (!role) throw new HttpError(401, 'ticket is forged, expired or for another recording')
    const session = await ctx.storage.getSession(request.params.id)
    if (!session) throw new HttpError(404, 'no such session')
    request.access = { claims: { sessionId: session.id, role, expiresAt: 0 }, session }
  }

  app.get(
    '/api/sessions/:id/recordings/:recordingId/audio',
    {
      schema: {
        params: RecordingParams,
        querystring: AudioQuery,
        response: { 200: passThrough<Buffer>(), 206: passThrough<Buffer>(), ...errorResponses },
      },
      preHandler: access,
    },
    async (request, reply) => {
      const { claims, session } = accessOf(request)
      if (!mayListen(claims.role, session)) throw new HttpError(403, listenRefused(claims.role))
      const take = await ctx.storage.getRecording(session.id, request.params.recordingId)
      if (!take) throw new HttpError(404, 'no such recording')
      const chunks = await ctx.storage.audioChunks(session.id, take.id)
      const whole = Buffer.concat(chunks.map((c) => c.data))
      void reply.type(take.mime).header('accept-ranges', 'bytes').header('cache-control', 'private, no-store')
      const range = audioRange(request.headers.range, whole.byteLength)
      if (range === 'unsatisfiable') {
        return reply.code(416).header('content-range', `bytes */${whole.byteLength}`).send(Buffer.alloc(0))
      }
      if (!range) return reply.send(whole)
      return reply
        .code(206)
        .header('content-range', `bytes ${range.start}-${range.end}/${whole.byteLength}`)
        .send(whole.subarray(range.start, range.end + 1))
    },
  )
}
