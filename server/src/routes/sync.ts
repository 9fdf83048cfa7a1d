import { CloseCode, CloseReason, SYNC_PATH } from '@mockboard/shared'
import type { FastifyInstance } from 'fastify'
import type { WebSocket } from 'ws'

import type { AppContext } from '../context.js'
import type { Socket } from '../sync/Socket.js'

function adapt(ws: WebSocket): Socket {
  return {
    send: (data) => ws.send(data),
    close: (code, reason) => ws.close(code, reason),
    ping: () => ws.ping(),
    terminate: () => ws.terminate(),
    get bufferedAmount() {
      return ws.bufferedAmount
    },
    get isOpen() {
      return ws.readyState === ws.OPEN
    },
  }
}

/**
 * `/sync/<session>/<doc>?token=…`: the y-websocket protocol. The socket goes to the sync core's
 * admission (sync/Admission.ts) with its listeners attached synchronously, before any await, so no
 * frame sent right after the handshake is lost while the session and room load.
 */
export function syncRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get<{ Params: { id: string; doc: string }; Querystring: { token?: string } }>(
    `${SYNC_PATH}/:id/:doc`,
    { websocket: true },
    (ws, request) => {
      const { id, doc } = request.params
      const connection = ctx.admission.open(adapt(ws), { sessionId: id, doc, token: request.query.token })
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
