import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { errorResponses, IceResponse, SessionParams } from '@mockboard/shared/http'

import type { AppContext } from '../context.js'
import { turnCredentials } from '../turnCredentials.js'
import { perAddress } from './perAddress.js'
import { accessOf, sessionAccess } from './sessionAccess.js'

/**
 * `GET /api/sessions/:id/ice`: the ICE servers a session member's browser uses for the audio.
 * TURN relays cost bandwidth, so its credentials go only to holders of a session token while the
 * session has not ended, and expire.
 */
export const iceRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const { iceServers, turnSecret, turnUrls, turnTtlSeconds } = ctx.config.voice
  app.get(
    '/api/sessions/:id/ice',
    {
      schema: { params: SessionParams, response: { 200: IceResponse, ...errorResponses } },
      preHandler: sessionAccess(ctx),
      // Each answer verifies a token and reads the session: budgeted like the other reads.
      ...perAddress(ctx.config.http.readsPerMinute, 'MOCKBOARD_READS_PER_MINUTE'),
    },
    async (request, reply) => {
      // Credentials are per caller and short-lived: no cache may hand them to someone else.
      void reply.header('cache-control', 'no-store')
      const { claims, session } = accessOf(request)
      // An ended session has no call left to relay: its links (which anyone may hold, and with no
      // create key anyone may mint) must not keep yielding TURN relay credentials.
      const ended = session.endedAt !== null || ctx.lifecycle.isEnded(session.id)
      if (!turnSecret || ended) return { iceServers, expiresAt: null }
      const { username, credential, expiresAt } = turnCredentials(
        turnSecret,
        `${session.id}-${claims.role}`,
        turnTtlSeconds,
      )
      return { iceServers: [...iceServers, { urls: turnUrls, username, credential }], expiresAt }
    },
  )
}
