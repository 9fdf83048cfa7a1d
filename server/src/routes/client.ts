import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

import fastifyStatic from '@fastify/static'
import type { FastifyPluginAsync, FastifyReply } from 'fastify'

import type { AppContext } from '../context.js'

const CONFIG_PLACEHOLDER = '<!--mockboard-config-->'

const escapeAttr = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

/**
 * Serves the built client: hashed assets with long caching, and index.html (with the run-time
 * config injected, so a licence key needs no rebuild) for every app route.
 */
export const clientRoutes: FastifyPluginAsync<{ ctx: AppContext }> = async (app, { ctx }) => {
  const dist = ctx.config.clientDist
  const indexFile = dist ? join(dist, 'index.html') : null
  if (!dist || !indexFile || !existsSync(indexFile)) {
    ctx.logger.warn({ dist }, 'client build not found: serving the API only')
    return
  }
  const runtimeConfig = JSON.stringify({ tldrawLicenseKey: ctx.config.tldrawLicenseKey })
  const index = readFileSync(indexFile, 'utf8').replace(
    CONFIG_PLACEHOLDER,
    `<meta name="mockboard-config" content="${escapeAttr(runtimeConfig)}">`,
  )
  await app.register(fastifyStatic, {
    root: dist,
    index: false,
    wildcard: true,
    // The build writes .br and .gz copies of its text assets (client/precompress.ts).
    preCompressed: true,
    setHeaders: (res, path) => {
      if (path.includes('/assets/')) res.header('cache-control', 'public, max-age=31536000, immutable')
    },
  })
  const sendIndex = (_request: unknown, reply: FastifyReply) =>
    reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(index)
  app.get('/', sendIndex)
  // Without this the static handler would send the raw template: no run-time config, cached.
  app.get('/index.html', sendIndex)
  app.get('/s/:id', sendIndex)
  app.get('/s/:id/*', sendIndex)
  app.get('/w/:id', sendIndex)
  app.get('/w/:id/*', sendIndex)
}
