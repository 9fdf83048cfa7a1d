import type { FastifyReply, FastifyRequest } from 'fastify'

/**
 * Route options for a response carrying a secret (a workspace key, an invite token or link, a
 * listen ticket) or a candidate's personal data (the report): `Cache-Control: no-store`, so no
 * browser or proxy cache keeps a copy of it (past a deletion either).
 * Set in `onSend` so error answers of the route carry it too.
 */
export const noStore = {
  onSend: async (_request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    void reply.header('cache-control', 'no-store')
    return payload
  },
}
