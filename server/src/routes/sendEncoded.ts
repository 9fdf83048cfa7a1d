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
 * change (closed segments); others are compressed per request at a cheap level.
 */
export async function sendEncoded(
  request: FastifyRequest,
  reply: FastifyReply,
  body: Uint8Array | string,
  cached: { cache: EncodedCache; key: string } | null = null,
): Promise<FastifyReply> {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body
  const { encoding, key } = keyFor(request, cached?.key ?? '')
  reply.header('vary', 'Accept-Encoding')
  if (encoding === 'identity' || bytes.byteLength < MIN_BYTES) {
    const plain = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
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

const ENCODINGS = ['br', 'gzip', 'identity'] as const

/** Drops every encoding kept under `key` (a body that will not be asked for again). */
export function forgetEncodings(cache: EncodedCache, key: string): void {
  for (const encoding of ENCODINGS) cache.delete(`${key}|${encoding}`)
}
