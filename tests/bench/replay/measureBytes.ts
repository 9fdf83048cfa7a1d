import type { BuiltSegment } from '@mockboard/shared'

export interface WireBytes {
  /** The plain JSON history and every segment read forward from the start, uncompressed (before issue 13). */
  before: number
  /** The packed history and the same segments as steps (GET /steps), as Chromium gets them over http (gzip). */
  gzip: number
  /** The same with brotli (what browsers ask for over https). */
  br: number
  history: { plain: number; packedGzip: number; packedBr: number }
  /** The segments in the old binary form (`identity`), and as the page reads them now: steps. */
  segments: { count: number; identity: number; steps: number; gzip: number; br: number }
}

/** Bytes of a body as sent (Content-Length; fetch decompresses the body itself). */
async function sent(
  url: string,
  token: string,
  encoding: string,
): Promise<{ bytes: number; body: Uint8Array }> {
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}`, 'accept-encoding': encoding } })
  const body = new Uint8Array(await res.arrayBuffer())
  if (!res.ok) throw new Error(`${url}: ${res.status}`)
  const length = res.headers.get('content-length')
  return { bytes: length === null ? body.byteLength : Number(length), body }
}

/**
 * What loading a whole session costs on the wire: the history, then the board's log segment by
 * segment from the start (the first with its opening board, the rest continuing it) as the page
 * reads it (GET /steps), gzip and brotli; against the plain history and the binary segments
 * uncompressed, what the page read before issue 13.
 */
export async function measureBytes(base: string, sessionId: string, token: string): Promise<WireBytes> {
  const api = `${base}/api/sessions/${sessionId}`
  const history = {
    plain: (await sent(`${api}/history`, token, 'identity')).bytes,
    packedGzip: (await sent(`${api}/history?format=packed`, token, 'gzip')).bytes,
    packedBr: (await sent(`${api}/history?format=packed`, token, 'br')).bytes,
  }
  const segments = { count: 0, identity: 0, steps: 0, gzip: 0, br: 0 }
  let seq = 1
  for (;;) {
    const first = segments.count === 0
    // Sizes as they are read from the bodies fetch decompressed: asked for uncompressed, the
    // server would keep them so (as it does for such a client), filling its cache with bodies
    // no browser asks for and crowding out what the page measured next reads.
    const old = `${api}/segment?doc=board&seq=${seq}${first ? '' : '&snapshot=0'}`
    segments.identity += (await sent(old, token, 'gzip')).body.byteLength
    const url = `${api}/steps?seq=${seq}${first ? '' : '&keyframe=0'}`
    const gzip = await sent(url, token, 'gzip')
    segments.steps += gzip.body.byteLength
    segments.gzip += gzip.bytes
    segments.br += (await sent(url, token, 'br')).bytes
    segments.count++
    const { closedBy } = JSON.parse(new TextDecoder().decode(gzip.body)) as BuiltSegment
    if (closedBy === null) break
    seq = closedBy + 1
  }
  return {
    before: history.plain + segments.identity,
    gzip: history.packedGzip + segments.gzip,
    br: history.packedBr + segments.br,
    history,
    segments,
  }
}
