import type { Readable } from 'node:stream'

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { AudioQuery, errorResponses, RecordingParams } from '@mockboard/shared/http'
import type { FastifyRequest } from 'fastify'

import type { AppContext } from '../context.js'
import { HttpError } from '../errors.js'
import { stillIssued } from '../workspace/stillIssued.js'
import { audioRange } from './audioRange.js'
import { audioStream } from './audioStream.js'
import { verifyListenTicket } from './listenTicket.js'
import { listenRefused, mayListen } from './mayListen.js'
import { passThrough } from './passThrough.js'
import { accessOf, sessionAccess } from './sessionAccess.js'

/**
 * `GET /api/sessions/:id/recordings/:recordingId/audio`: one take, whole or by a byte range (the
 * replay's `<audio>` elements seek by ranges). Opened by the Bearer header, or by the `?ticket=`
 * the list hands out for that take (see listenTicket.ts); either way the sharing rule is applied
 * again on every read. Only the chunks a range covers are read, a batch at a time (audioStream.ts).
 */
export const recordingAudioRoute: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const anyone = sessionAccess(ctx)
  const access = async (request: FastifyRequest<{ Params: RecordingParams; Querystring: AudioQuery }>) => {
    const { ticket } = request.query
    if (ticket === undefined) return anyone(request)
    const issued = verifyListenTicket(
      ctx.signer,
      { sessionId: request.params.id, recordingId: request.params.recordingId },
      ticket,
    )
    if (!issued) throw new HttpError(401, 'ticket is forged, expired or for another recording')
    const session = await ctx.storage.getSession(request.params.id)
    if (!session) throw new HttpError(404, 'no such session')
    const claims = { sessionId: session.id, expiresAt: 0, ...issued }
    if (!(await stillIssued(ctx.storage, claims, session)))
      throw new HttpError(401, 'this ticket was revoked: the workspace link was renewed since it was listed')
    request.access = { claims, session }
  }

  app.get(
    '/api/sessions/:id/recordings/:recordingId/audio',
    {
      schema: {
        params: RecordingParams,
        querystring: AudioQuery,
        response: {
          200: passThrough<Buffer | Readable>(),
          206: passThrough<Buffer | Readable>(),
          ...errorResponses,
        },
      },
      preHandler: access,
    },
    async (request, reply) => {
      const { claims, session } = accessOf(request)
      if (!mayListen(claims.role, session)) throw new HttpError(403, listenRefused(claims.role))
      const take = await ctx.storage.getRecording(session.id, request.params.recordingId)
      if (!take) throw new HttpError(404, 'no such recording')
      const key = { sessionId: session.id, recordingId: take.id }
      // Sizes only (no audio bytes): where the range falls.
      const layout = await ctx.readGate.run(() => ctx.storage.audioLayout(session.id, take.id))
      const size = layout.reduce((sum, c) => sum + c.size, 0)
      void reply.type(take.mime).header('accept-ranges', 'bytes').header('cache-control', 'private, no-store')
      const range = audioRange(request.headers.range, size)
      if (range === 'unsatisfiable') {
        return reply.code(416).header('content-range', `bytes */${size}`).send(Buffer.alloc(0))
      }
      const { start, end } = range ?? { start: 0, end: size - 1 }
      void reply.header('content-length', String(end - start + 1))
      if (range) void reply.code(206).header('content-range', `bytes ${start}-${end}/${size}`)
      if (size === 0) return reply.send(Buffer.alloc(0))
      return reply.send(audioStream(ctx.storage, ctx.readGate, key, layout, start, end))
    },
  )
}
