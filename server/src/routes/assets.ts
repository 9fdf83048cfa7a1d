import { randomBytes } from 'node:crypto'

import type { UploadAssetResponse } from '@mockboard/shared'
import { type Static, Type } from '@sinclair/typebox'
import type { FastifyInstance, FastifyRequest } from 'fastify'

import { authorize, bearer } from '../auth.js'
import type { AppContext } from '../context.js'
import { HttpError } from '../errors.js'
import { requireSession, SessionParams } from './sessionParams.js'
import { sniffImageType } from './sniffImageType.js'

const AssetParams = Type.Object({ assetId: Type.String({ pattern: '^[A-Za-z0-9_-]{32}$' }) })

/**
 * Images dropped on a board. They travel as plain HTTP bodies, not through the Yjs log (a
 * screenshot inlined as a data URL would pass the frame limit and be copied into every
 * snapshot); the board keeps only the URL.
 */
export function assetRoutes(app: FastifyInstance, ctx: AppContext): void {
  const { maxAssetBytes, maxSessionAssetBytes } = ctx.config.assets

  /** Who may upload, checked before a byte of the body is read. */
  const admit = async (request: FastifyRequest<{ Params: SessionParams }>) => {
    const { id } = request.params
    authorize(ctx.signer, bearer(request), id, ['interviewer', 'candidate'])
    const session = await requireSession(ctx.storage, id)
    // The board of an ended session is read-only: uploading would attach nothing.
    if (session.endedAt !== null) throw new HttpError(409, 'the session has ended: its board is read-only')
    const length = Number(request.headers['content-length'])
    if (length > maxAssetBytes) {
      throw new HttpError(413, `image is larger than ${maxAssetBytes} bytes (MOCKBOARD_MAX_ASSET_BYTES)`)
    }
  }

  // Raw bytes whatever the declared type: the type is read from the bytes themselves.
  app.register(async (scope) => {
    scope.removeAllContentTypeParsers()
    const raw = { parseAs: 'buffer' as const, bodyLimit: maxAssetBytes }
    scope.addContentTypeParser('*', raw, (_request, body, done) => done(null, body))

    scope.post<{ Params: SessionParams }>(
      '/api/sessions/:id/assets',
      { schema: { params: SessionParams }, bodyLimit: maxAssetBytes, onRequest: admit },
      async (request, reply) => {
        const data = request.body
        if (!Buffer.isBuffer(data) || data.byteLength === 0)
          throw new HttpError(400, 'body must be the image bytes')
        const contentType = sniffImageType(data)
        if (!contentType) throw new HttpError(415, 'image must be PNG, JPEG, GIF or WebP (SVG is refused)')
        const id = randomBytes(24).toString('base64url')
        const asset = { id, sessionId: request.params.id, contentType, data, createdAt: Date.now() }
        if (!(await ctx.storage.putAsset(asset, maxSessionAssetBytes))) {
          const cap = `${maxSessionAssetBytes} bytes (MOCKBOARD_MAX_SESSION_ASSET_BYTES)`
          throw new HttpError(413, `this session's images would pass ${cap}`)
        }
        ctx.metrics.assetBytes.inc(data.byteLength)
        const response: UploadAssetResponse = { url: `/api/assets/${id}` }
        return reply.code(201).send(response)
      },
    )
  })

  /** No token: the unguessable URL is the capability, so <img>, exports and reports load it as is. */
  const assetRoute = { schema: { params: AssetParams } }
  app.get<{ Params: Static<typeof AssetParams> }>(
    '/api/assets/:assetId',
    assetRoute,
    async (request, reply) => {
      const asset = await ctx.storage.getAsset(request.params.assetId)
      if (!asset) throw new HttpError(404, 'no such asset')
      return reply
        .type(asset.contentType)
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'public, max-age=31536000, immutable')
        .send(Buffer.from(asset.data.buffer, asset.data.byteOffset, asset.data.byteLength))
    },
  )
}
