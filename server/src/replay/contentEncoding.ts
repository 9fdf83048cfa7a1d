import { promisify } from 'node:util'
import { brotliCompress, constants, gzip } from 'node:zlib'

/** What a replay body is sent as. Chromium asks for `br` on loopback as well as over HTTPS (both are secure contexts). */
export type BodyEncoding = 'br' | 'gzip' | 'identity'

const brotli = promisify(brotliCompress)
const gzipAsync = promisify(gzip)

/**
 * The best encoding the client accepts (RFC 9110 §12.5.3): q-values honoured, `q=0` refuses,
 * `*` stands for anything not named, and identity is acceptable unless refused. Of equal
 * preferences brotli wins (a third smaller on these bodies), then gzip, then identity; a client
 * that prefers identity (`identity, gzip;q=0.5`) gets it.
 */
export function negotiateEncoding(header: string | string[] | undefined): BodyEncoding {
  const text = Array.isArray(header) ? header.join(',') : (header ?? '')
  const q = new Map<string, number>()
  for (const part of text.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';')
    if (!name) continue
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='))
    const value = qParam ? Number(qParam.slice(2)) : 1
    q.set(name, Number.isFinite(value) ? value : 0)
  }
  const of = (name: string) => q.get(name) ?? q.get('*') ?? 0
  const br = of('br')
  const gz = Math.max(of('gzip'), of('x-gzip'))
  // Not named at all: acceptable, after any coding the client named.
  const identity = q.get('identity') ?? q.get('*') ?? Number.MIN_VALUE
  const best = Math.max(br, gz, identity)
  if (br > 0 && br === best) return 'br'
  if (gz > 0 && gz === best) return 'gzip'
  return 'identity'
}

/**
 * Compresses off the event loop (zlib runs on libuv's pool). `once`: a body computed once and
 * cached for good (a closed segment), worth a slower level; `cheap`: per request (the live end
 * of the log, the history), fast levels that still take most of the gain.
 */
export async function encodeBody(
  body: Uint8Array,
  encoding: BodyEncoding,
  effort: 'once' | 'cheap',
): Promise<Buffer> {
  const input = Buffer.from(body.buffer, body.byteOffset, body.byteLength)
  if (encoding === 'identity') return input
  if (encoding === 'gzip') return gzipAsync(input, { level: effort === 'once' ? 9 : 4 })
  return brotli(input, {
    params: {
      // Quality 5, not 9, even for a body compressed once: on a 382 KB segment 9 took 143 ms for
      // 0.7 % fewer bytes than 5's 10 ms, and a page reading a session it is the first to open
      // waits for each segment's compression in turn (Chromium asks for br on loopback too).
      [constants.BROTLI_PARAM_QUALITY]: effort === 'once' ? 5 : 4,
      [constants.BROTLI_PARAM_SIZE_HINT]: input.byteLength,
    },
  })
}
