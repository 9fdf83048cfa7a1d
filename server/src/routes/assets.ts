import { randomBytes } from 'node:crypto'

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { accessFor } from '@mockboard/shared'
import { AssetParams, errorResponses, SessionParams, UploadAssetResponse } from '@mockboard/shared/http'
import type { FastifyRequest } from 'fastify'

import type { AppContext } from '../context.js'
import { HttpError } from '../errors.js'
import { passThrough } from './passThrough.js'
import { requireDataRoom } from './requireDataRoom.js'
import { accessOf, sessionAccess } from './sessionAccess.js'
import { sniffImageType } from './sniffImageType.js'

/**
 * Images dropped on a board. They travel as plain HTTP bodies, not through the Yjs log (a
 * screenshot inlined as a data URL would pass the frame limit and be copied into every
 * snapshot); the board keeps only the URL.
 */
export const assetRoutes: FastifyPluginAsyncTypebox<{ ctx: AppContext }> = async (app, { ctx }) => {
  const { maxAssetBytes, maxSessionAssetBytes } = ctx.config.assets
  // Who may draw on the board may add images to it.
  const drawer = sessionAccess(ctx, (role) => accessFor('board', role) === 'write')

  /** Who may upload, and whether the body can fit, checked before a byte of the body is read. */
  const check = async (request: FastifyRequest<{ Params: SessionParams }>) => {
    await drawer(request)
    // The board of an ended session is read-only: uploading would attach nothing.
    if (accessOf(request).session.endedAt !== null)
      throw new HttpError(409, 'the session has ended: its board is read-only')
    const length = Number(request.headers['content-length'])
    if (length > maxAssetBytes) {
      throw new HttpError(413, `image is larger than ${maxAssetBytes} bytes (MOCKBOARD_MAX_ASSET_BYTES)`)
    }
    requireDataRoom(ctx.dataBudget, Number.isFinite(length) ? length : 0)
  }
  /**
   * A refusal leaves the body unread on the socket: `Connection: close` ends that socket with the
   * answer. Kept alive, it stayed busy until the client gave up (a server closing waited ~70 s).
   */
  const admit = async (request: FastifyRequest<{ Params: SessionParams }>) => {
    try {
      await check(request)
    } catch (err) {
      if (err instanceof HttpError)
        throw new HttpError(err.statusCode, err.message, { ...err.headers, connection: 'close' })
      throw err
    }
  }

  // Raw bytes whatever the declared type: the type is read from the bytes themselves.
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers()
    const raw = { parseAs: 'buffer' as const, bodyLimit: maxAssetBytes }
    scope.addContentTypeParser('*', raw, (_request, body, done) => done(null, body))

    scope.post(
      '/api/sessions/:id/assets',
      {
        schema: { params: SessionParams, response: { 201: UploadAssetResponse, ...errorResponses } },
        bodyLimit: maxAssetBytes,
        onRequest: admit,
      },
      async (request, reply) => {
        const data = request.body
        if (!Buffer.isBuffer(data) || data.byteLength === 0)
          throw new HttpError(400, 'body must be the image bytes')
        const contentType = sniffImageType(data)
        if (!contentType) throw new HttpError(415, 'image must be PNG, JPEG, GIF or WebP (SVG is refused)')
        requireDataRoom(ctx.dataBudget, data.byteLength)
        const id = randomBytes(24).toString('base64url')
        const asset = { id, sessionId: request.params.id, contentType, data, createdAt: Date.now() }
        if (!(await ctx.storage.putAsset(asset, maxSessionAssetBytes))) {
          const cap = `${maxSessionAssetBytes} bytes (MOCKBOARD_MAX_SESSION_ASSET_BYTES)`
          throw new HttpError(413, `this session's images would pass ${cap}`)
        }
        ctx.metrics.assetBytes.inc(data.byteLength)
        return reply.code(201).send({ url: `/api/assets/${id}` })
      },
    )
  })

  /** No token: the unguessable URL is the capability, so <img>, exports and reports load it as is. */
  app.get(
    '/api/assets/:assetId',
    { schema: { params: AssetParams, response: { 200: passThrough<Buffer>(), ...errorResponses } } },
    async (request, reply) => {
      const asset = await ctx.storage.getAsset(request.params.assetId)
      if (!asset) throw new HttpError(404, 'no such asset')
      // Immutable for the browser, but private: no shared proxy may keep a deleted session's images.
      return reply
        .type(asset.contentType)
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, max-age=31536000, immutable')
        .send(Buffer.from(asset.data.buffer, asset.data.byteOffset, asset.data.byteLength))
    },
  )
}
