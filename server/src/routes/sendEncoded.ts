import type { FastifyReply, FastifyRequest } from 'fastify'

import { encodeBody, negotiateEncoding } from '../replay/contentEncoding.js'
import type { EncodedCache } from '../replay/EncodedCache.js'

/** Bodies this small gain nothing from compression. */
const MIN_BYTES = 1024

const keyFor = (request: FastifyRequest, key: string) => {
  const encoding = negotiateEncoding(request.headers['accept-encoding'])
  return { encoding, key: `${key}|${encoding}` }
}

/**
 * Sends `body` compressed as the client accepts (`Accept-Encoding`; `Vary` says so to caches).
 * With `cached`, the compressed body is kept under that key for good: only for bodies that never
 * change (closed segments); others are compressed per request at a cheap level. `keepPlain`: the
 * body as it is is kept too, so another encoding is made from it (sendFromCache) rather than by
 * building the body again (a history lists the whole log on a worker).
 */
export async function sendEncoded(
  request: FastifyRequest,
  reply: FastifyReply,
  body: Uint8Array | string,
  cached: { cache: EncodedCache; key: string; keepPlain?: boolean } | null = null,
): Promise<FastifyReply> {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body
  const { encoding, key } = keyFor(request, cached?.key ?? '')
  reply.header('vary', 'Accept-Encoding')
  const plain = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  if (cached?.keepPlain) cached.cache.set(`${cached.key}|identity`, plain)
  if (encoding === 'identity' || bytes.byteLength < MIN_BYTES) {
    // Kept too when asked for as it is, so such a client does not cost a rebuild per request.
    if (encoding === 'identity') cached?.cache.set(key, plain)
    return reply.send(plain)
  }
  let out = cached?.cache.get(key)
  if (!out) {
    out = await encodeBody(bytes, encoding, cached ? 'once' : 'cheap')
    cached?.cache.set(key, out)
  }
  return reply.header('content-encoding', encoding).send(out)
}

/** Sends the body cached under `key` in the client's encoding, if there is one (no storage read). */
export function sendIfCached(
  request: FastifyRequest,
  reply: FastifyReply,
  cache: EncodedCache,
  key: string,
  cacheControl: string,
): FastifyReply | null {
  const { encoding, key: full } = keyFor(request, key)
  const hit = cache.get(full)
  if (!hit) return null
  reply.header('cache-control', cacheControl).header('vary', 'Accept-Encoding')
  if (encoding !== 'identity') reply.header('content-encoding', encoding)
  return reply.send(hit)
}

/**
 * Sends the body cached under `key` in the client's encoding; else, when the body as it is was
 * kept (`keepPlain`), encodes that. False when neither is cached. (A boolean: a FastifyReply is
 * a thenable, so one resolved from a promise becomes `undefined`.)
 */
export async function sendFromCache(
  request: FastifyRequest,
  reply: FastifyReply,
  cache: EncodedCache,
  key: string,
  cacheControl: string,
): Promise<boolean> {
  if (sendIfCached(request, reply, cache, key, cacheControl)) return true
  const plain = cache.get(`${key}|identity`)
  if (!plain) return false
  await sendEncoded(request, reply.header('cache-control', cacheControl), plain, { cache, key })
  return true
}

const ENCODINGS = ['br', 'gzip', 'identity'] as const

/** Drops every encoding kept under `key` (a body that will not be asked for again). */
export function forgetEncodings(cache: EncodedCache, key: string): void {
  for (const encoding of ENCODINGS) cache.delete(`${key}|${encoding}`)
}
