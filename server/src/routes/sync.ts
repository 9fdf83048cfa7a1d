import { CloseCode, type CloseCodeName, CloseReason, isDocName, SYNC_PATH } from '@mockboard/shared'
import type { FastifyInstance } from 'fastify'
import type { WebSocket } from 'ws'

import type { AppContext } from '../context.js'
import type { Connection } from '../sync/RoomRegistry.js'
import type { Socket } from '../sync/Socket.js'

/** Frames a client may send before its session has been looked up. */
const MAX_EARLY_FRAMES = 64

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
 * `/sync/<session>/<doc>?token=…`: the y-websocket protocol. Listeners attach synchronously,
 * before any await, so no frame sent right after the handshake is lost while the session loads.
 */
export function syncRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get<{ Params: { id: string; doc: string }; Querystring: { token?: string } }>(
    `${SYNC_PATH}/:id/:doc`,
    { websocket: true },
    (ws, request) => {
      const reject = (name: CloseCodeName) => {
        ctx.metrics.closes.inc({ reason: name })
        ws.close(CloseCode[name], CloseReason[name])
      }
      let connection: Connection | null = null
      const early: Uint8Array[] = []
      let earlyBytes = 0
      let closedEarly = false
      // Frames may be as large as a first sync step 2 (maxPayload): bound what waits in bytes too.
      const maxEarlyBytes = Math.max(ctx.config.limits.maxFirstSyncBytes, ctx.config.limits.maxMessageBytes)
      ws.on('message', (data, isBinary) => {
        if (!isBinary) return reject('unsupportedData')
        const bytes =
          data instanceof Uint8Array ? data : Buffer.concat(Array.isArray(data) ? data : [Buffer.from(data)])
        if (connection) return connection.receive(bytes)
        earlyBytes += bytes.byteLength
        if (early.length < MAX_EARLY_FRAMES && earlyBytes <= maxEarlyBytes) early.push(bytes)
        else reject('rateLimited')
      })
      ws.on('close', () => {
        if (connection) connection.closed()
        else closedEarly = true
      })
      ws.on('pong', () => connection?.pong())
      ws.on('error', (err: Error & { code?: string }) => {
        // ws closes 1009 itself on a frame past maxPayload: the client's doing, worth a warn, no stack.
        if (err.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') {
          ctx.metrics.closes.inc({ reason: 'messageTooBig' })
          ctx.logger.warn(
            { sessionId: request.params.id, doc: request.params.doc },
            'frame over the size limit; closing',
          )
        } else ctx.logger.debug({ err }, 'socket error')
      })

      const { id, doc } = request.params
      const claims = ctx.signer.verify(request.query.token)
      if (!claims || claims.sessionId !== id) return reject('badToken')
      if (!isDocName(doc)) return reject('notFound')
      ctx.storage.getSession(id).then(
        (session) => {
          if (closedEarly) return
          if (!session) return reject('notFound')
          if (!ctx.registry.canOpen(claims.role, doc)) return reject('forbidden')
          connection = ctx.registry.connect(adapt(ws), id, doc, claims.role, session.endedAt !== null)
          for (const frame of early.splice(0)) connection.receive(frame)
        },
        (err) => {
          ctx.logger.error({ err }, 'session lookup failed')
          ws.close(1011, 'internal error')
        },
      )
    },
  )
}
