import { CloseCode, CloseReason, SYNC_PATH } from '@mockboard/shared'
import type { FastifyInstance } from 'fastify'

import type { AppContext } from '../context.js'
import { HttpError } from '../errors.js'
import type { Socket } from '../sync/Socket.js'
import { adaptSocket } from './adaptSocket.js'
import { InboundBudget } from './InboundBudget.js'
import { SocketsPerAddress } from './SocketsPerAddress.js'

/**
 * `/sync/<session>/<doc>?token=…`: the y-websocket protocol. The socket goes to the sync core's
 * admission (sync/Admission.ts) with its listeners attached synchronously, before any await, so no
 * frame sent right after the handshake is lost while the session and room load.
 */
export function syncRoutes(app: FastifyInstance, ctx: AppContext): void {
  const { limits } = ctx.config
  const { metrics } = ctx
  const perAddress = new SocketsPerAddress(limits.maxSocketsPerAddress)
  const inbound = new InboundBudget(limits.maxInboundTotal, limits.maxMessageBytes)
  const overBudget = (socket: Socket) => {
    metrics.closes.inc({ reason: 'inboundFull' })
    socket.close(CloseCode.serverFull, CloseReason.serverFull)
  }
  app.get<{ Params: { id: string; doc: string }; Querystring: { token?: string } }>(
    `${SYNC_PATH}/:id/:doc`,
    {
      websocket: true,
      // Before the upgrade: a refused address costs no WebSocket. request.ip follows MOCKBOARD_TRUST_PROXY.
      preValidation: (request, _reply, done) => {
        const address = request.ip
        if (!perAddress.take(address)) {
          ctx.metrics.closes.inc({ reason: 'addressFull' })
          return done(
            new HttpError(429, 'too many sync sockets from this address (MOCKBOARD_MAX_SOCKETS_PER_ADDRESS)'),
          )
        }
        request.socket.once('close', () => perAddress.release(address))
        done()
      },
    },
    (ws, request) => {
      const { id, doc } = request.params
      const connection = ctx.admission.open(adaptSocket(ws, request.socket, inbound, overBudget), {
        sessionId: id,
        doc,
        token: request.query.token,
      })
      ws.on('message', (data, isBinary) => {
        if (!isBinary) {
          ctx.metrics.closes.inc({ reason: 'unsupportedData' })
          return ws.close(CloseCode.unsupportedData, CloseReason.unsupportedData)
        }
        connection.receive(
          data instanceof Uint8Array ? data : Buffer.concat(Array.isArray(data) ? data : [Buffer.from(data)]),
        )
      })
      ws.on('close', () => connection.closed())
      ws.on('pong', () => connection.pong())
      ws.on('error', (err: Error & { code?: string }) => {
        // ws closes 1009 itself on a frame past maxPayload: the client's doing, worth a warn, no stack.
        if (err.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') {
          ctx.metrics.closes.inc({ reason: 'messageTooBig' })
          ctx.logger.warn({ sessionId: id, doc }, 'frame over the size limit; closing')
        } else ctx.logger.debug({ err }, 'socket error')
      })
    },
  )
}
