import { BoardKeys } from '@mockboard/shared'
import * as Y from 'yjs'

import { Rng } from './rng.js'
import { summarize, type Summary } from './stats.js'

export interface HttpFigures {
  history: { ms: Summary; bytes: number; updates: number }
  seek: { ms: Summary; bytes: Summary; instants: number[] }
  control: { ms: Summary; bytes: Summary }
}

async function timed(url: string, token: string): Promise<{ ms: number; body: Uint8Array }> {
  const t0 = performance.now()
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } })
  const body = new Uint8Array(await res.arrayBuffer())
  const ms = performance.now() - t0
  if (!res.ok) throw new Error(`${url}: ${res.status} ${new TextDecoder().decode(body)}`)
  return { ms, body }
}

/** Shapes on the board in a `state?at=` answer (checked against what the page shows). */
export function shapesIn(update: Uint8Array): number {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, update)
  const ids = new Set<string>()
  for (const e of doc.getArray<{ key: string; val: { typeName: string } }>(BoardKeys.records).toArray())
    if (e.val.typeName === 'shape') ids.add(e.key)
  doc.destroy()
  return ids.size
}

/**
 * The server side of replay over real HTTP on loopback: the history endpoint, then `state?at=`
 * for the board at 200 random instants (and the small control doc), after a short warm-up.
 */
export async function measureHttp(
  base: string,
  sessionId: string,
  token: string,
  window: { startAt: number; endAt: number },
  seed: number,
): Promise<HttpFigures> {
  const api = `${base}/api/sessions/${sessionId}`
  for (let i = 0; i < 3; i++) await timed(`${api}/history`, token)
  const historyMs: number[] = []
  let historyBody: Uint8Array = new Uint8Array()
  for (let i = 0; i < 20; i++) {
    const r = await timed(`${api}/history`, token)
    historyMs.push(r.ms)
    historyBody = r.body
  }
  const updates = (JSON.parse(new TextDecoder().decode(historyBody)) as { updates: { at: number[] } }).updates
    .at.length

  const rng = new Rng(seed)
  const instants = Array.from({ length: 200 }, () => Math.round(rng.between(window.startAt, window.endAt)))
  for (let i = 0; i < 10; i++) await timed(`${api}/state?doc=board&at=${instants[i]}`, token)
  const seekMs: number[] = []
  const seekBytes: number[] = []
  const controlMs: number[] = []
  const controlBytes: number[] = []
  for (const at of instants) {
    const r = await timed(`${api}/state?doc=board&at=${at}`, token)
    seekMs.push(r.ms)
    seekBytes.push(r.body.byteLength)
    const c = await timed(`${api}/state?doc=control&at=${at}`, token)
    controlMs.push(c.ms)
    controlBytes.push(c.body.byteLength)
  }
  return {
    history: { ms: summarize(historyMs), bytes: historyBody.byteLength, updates },
    seek: { ms: summarize(seekMs), bytes: summarize(seekBytes), instants },
    control: { ms: summarize(controlMs), bytes: summarize(controlBytes) },
  }
}
