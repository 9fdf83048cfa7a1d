import { randomBytes } from 'node:crypto'

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { TalkSpan } from '@mockboard/shared'
import {
  ChunkQuery,
  CreateRecordingBody,
  CreateRecordingResponse,
  errorResponses,
  RecordingParams,
  RecordingsResponse,
  SessionParams,
} from '@mockboard/shared/http'
import type { FastifyRequest } from 'fastify'

import type { AppContext } from '../context.js'
import { HttpError } from '../errors.js'
import type { RecordingSummary } from '../storage/Recordings.js'
import { signListenTicket } from './listenTicket.js'
import { listenRefused, mayListen } from './mayListen.js'
import { noStore } from './noStore.js'
import { passThrough } from './passThrough.js'
import { requireDataRoom } from './requireDataRoom.js'
import { accessOf, sessionAccess } from './sessionAccess.js'
import { maxLevels, talkOf } from './talkOf.js'

/** After the session ends, chunks still arrive this long: the recorders' final flush. */
const ENDED_GRACE_MS = 15_000

const AUDIO_TYPE = /^audio\/(webm|ogg)(;.*)?$/i

const wire = (r: RecordingSummary, ticket: string, talk: TalkSpan[]) => ({
  id: r.id,
  participant: r.participant,
  role: r.role,
  mime: r.mime,
  consentedAt: r.consentedAt,
  stoppedAt: r.stoppedAt,
  startedAt: r.startedAt,
  durationMs: r.durationMs,
  bytes: r.bytes,
  audioUrl: `/api/sessions/${encodeURIComponent(r.sessionId)}/recordings/${r.id}/audio?ticket=${ticket}`,
  talk,
})

/**
 * Recorded voices. Each browser records its own microphone once its participant agreed (a take,
 * created by `POST …/recordings` with `consent: true`), and uploads chunks of a few seconds in order
 * of an index; the server stamps each with its own time. Without a take there is nowhere to put a
 * chunk: nothing is stored without consent.
 */
export const recordingRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const { maxAudioBytes, maxAudioChunkBytes, maxRecordings } = ctx.config.voice
  const speaker = sessionAccess(ctx, (role) => role !== 'observer')
  const anyone = sessionAccess(ctx)
  const interviewer = sessionAccess(ctx, (role) => role === 'interviewer')

  app.post(
    '/api/sessions/:id/recordings',
    {
      schema: {
        params: SessionParams,
        body: CreateRecordingBody,
        response: { 201: CreateRecordingResponse, ...errorResponses },
      },
      preHandler: speaker,
    },
    async (request, reply) => {
      const { claims, session } = accessOf(request)
      if (session.endedAt !== null)
        throw new HttpError(409, 'the session has ended: nothing more is recorded')
      if (maxAudioBytes === 0)
        throw new HttpError(403, 'recording is turned off on this server (MOCKBOARD_MAX_AUDIO_BYTES=0)')
      const id = randomBytes(12).toString('base64url')
      const verdict = await ctx.storage.createRecording(
        {
          id,
          sessionId: session.id,
          participant: request.body.participant,
          role: claims.role,
          mime: request.body.mime,
          consentedAt: Date.now(),
          stoppedAt: null,
        },
        maxRecordings,
      )
      if (verdict === 'full')
        throw new HttpError(
          413,
          `this session already has ${maxRecordings} recordings (MOCKBOARD_MAX_RECORDINGS)`,
        )
      return reply.code(201).send({ id })
    },
  )

  /** The take must exist, be this role's own and still running; checked before the body is read. */
  const takeOf = async (request: FastifyRequest<{ Params: RecordingParams }>) => {
    await speaker(request)
    const { claims, session } = accessOf(request)
    const take = await ctx.storage.getRecording(session.id, request.params.recordingId)
    if (!take) throw new HttpError(404, 'no such recording (agree to record first)')
    if (take.role !== claims.role) throw new HttpError(403, "recordingId is another participant's recording")
    return take
  }

  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers()
    const raw = { parseAs: 'buffer' as const, bodyLimit: maxAudioChunkBytes }
    scope.addContentTypeParser('*', raw, (_request, body, done) => done(null, body))
    scope.post(
      '/api/sessions/:id/recordings/:recordingId/chunks',
      {
        schema: {
          params: RecordingParams,
          querystring: ChunkQuery,
          response: { 201: passThrough<unknown>(), 200: passThrough<unknown>(), ...errorResponses },
        },
        bodyLimit: maxAudioChunkBytes,
        onRequest: async (request: FastifyRequest<{ Params: RecordingParams }>) => {
          try {
            const take = await takeOf(request)
            if (take.stoppedAt !== null) throw new HttpError(409, 'this recording was stopped')
            // The session's end stops every recorder; a last chunk in flight still lands.
            const { session } = accessOf(request)
            if (session.endedAt !== null && Date.now() > session.endedAt + ENDED_GRACE_MS)
              throw new HttpError(409, 'the session has ended: recording stopped')
            if (!AUDIO_TYPE.test(request.headers['content-type'] ?? ''))
              throw new HttpError(415, 'content-type must be audio/webm or audio/ogg (Opus)')
            if (Number(request.headers['content-length']) > maxAudioChunkBytes)
              throw new HttpError(
                413,
                `chunk is larger than ${maxAudioChunkBytes} bytes (MOCKBOARD_MAX_AUDIO_CHUNK_BYTES)`,
              )
            requireDataRoom(ctx.dataBudget, Number(request.headers['content-length']) || 0)
          } catch (err) {
            // The body stays unread: end the socket with the answer (see routes/assets.ts).
            if (err instanceof HttpError)
              throw new HttpError(err.statusCode, err.message, { ...err.headers, connection: 'close' })
            throw err
          }
        },
      },
      async (request, reply) => {
        const data = request.body
        if (!Buffer.isBuffer(data) || data.byteLength === 0)
          throw new HttpError(400, 'body must be the audio bytes')
        const query = request.query as ChunkQuery
        const index = Number(query.index)
        const durationMs = Number(query.durationMs)
        const levels = query.levels ?? ''
        if (levels.length > maxLevels(durationMs))
          throw new HttpError(
            400,
            `levels: more than one per 100 ms of durationMs (${maxLevels(durationMs)} at most)`,
          )
        const params = request.params
        const verdict = await ctx.storage.putAudioChunk(
          {
            sessionId: params.id,
            recordingId: params.recordingId,
            index,
            at: Date.now(),
            durationMs,
            data,
            levels,
          },
          maxAudioBytes,
        )
        if (verdict === 'full')
          throw new HttpError(
            413,
            `this session's audio would pass ${maxAudioBytes} bytes (MOCKBOARD_MAX_AUDIO_BYTES)`,
          )
        // A retried chunk is acknowledged again, not stored twice.
        return reply.code(verdict === 'stored' ? 201 : 200).send({ index })
      },
    )
  })

  app.post(
    '/api/sessions/:id/recordings/:recordingId/stop',
    { schema: { params: RecordingParams }, preHandler: takeOf },
    async (request, reply) => {
      await ctx.storage.stopRecording(request.params.id, request.params.recordingId, Date.now())
      return reply.code(204).send()
    },
  )

  app.get(
    '/api/sessions/:id/recordings',
    {
      schema: { params: SessionParams, response: { 200: RecordingsResponse, ...errorResponses } },
      preHandler: anyone,
      // Each take's audio URL carries a listen ticket.
      ...noStore,
    },
    async (request) => {
      const { claims, session } = accessOf(request)
      if (!mayListen(claims.role, session)) throw new HttpError(403, listenRefused(claims.role))
      const ticketOf = (r: RecordingSummary) =>
        signListenTicket(ctx.signer, { sessionId: session.id, recordingId: r.id }, claims)
      const takes = await ctx.storage.listRecordings(session.id)
      const talk = await talkOf(ctx.storage, session.id, takes)
      return takes.map((r) => wire(r, ticketOf(r), talk.get(r.id) ?? []))
    },
  )

  app.delete(
    '/api/sessions/:id/recordings',
    { schema: { params: SessionParams }, preHandler: interviewer },
    async (request, reply) => {
      await ctx.storage.deleteRecordings(request.params.id)
      return reply.code(204).send()
    },
  )
}
