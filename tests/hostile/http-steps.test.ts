import { applyNotesOps, BoardKeys, boardRecordsArray, type BuiltSegment } from '@mockboard/shared'
import type { IndexKey } from 'tldraw'
import { describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'

import { componentShape } from '../bench/replay/records.js'
import { Rng } from '../bench/replay/rng.js'
import { useHarness } from '../helpers/harness.js'
import { createSession } from '../helpers/server.js'

const h = useHarness()
const auth = (token: string, encoding = 'gzip') => ({
  authorization: `Bearer ${token}`,
  'accept-encoding': encoding,
})
const rng = new Rng(3)
const shape = (id: string, x: number, meta: Record<string, unknown> = {}) => ({
  ...componentShape(rng, 'a1' as IndexKey, x, 10),
  id,
  meta,
})

/** A session and a writer on its board; `steps(query)` asks GET /steps as its candidate. */
async function board(replayCacheBytes?: number) {
  const s = await h.server({ config: replayCacheBytes === undefined ? {} : { http: { replayCacheBytes } } })
  const session = await createSession(s.url)
  const writer = h.client(s.syncUrl, session.id, 'board', session.tokens.candidate)
  await writer.synced
  const storage = s.app.context.storage
  const stored = async (n: number) =>
    vi.waitFor(async () => expect(await storage.lastSeq(session.id, 'board')).toBeGreaterThanOrEqual(n))
  const steps = (query: string, encoding?: string) =>
    s.app.fastify.inject({
      url: `/api/sessions/${session.id}/steps?${query}`,
      headers: auth(session.tokens.candidate, encoding),
    })
  const builds = vi.spyOn(s.app.context.docWorkers, 'run')
  const built = () => builds.mock.calls.filter(([task]) => task.type === 'steps').length
  return { s, writer, records: boardRecordsArray(writer.doc), storage, session, stored, steps, built }
}

describe('GET /steps against a hostile writer', () => {
  it('refuses with 413 a segment whose few bytes of log would put a large record again and again, once', async () => {
    // A 1 MiB cache: bodies over a quarter of it are refused, as GET /board's are.
    const { records, stored, steps, built, storage, session } = await board(1024 * 1024)
    const big = shape('shape:big', 1, { blob: 'x'.repeat(100_000) })
    records.push([{ key: big.id, val: big }])
    // Each pair is a few bytes: an entry for the same key, deleted again (the large one is back).
    for (let i = 0; i < 12; i++) {
      records.push([{ key: big.id, val: shape(big.id, i) }])
      records.delete(records.length - 1, 1)
    }
    await stored(3)
    const head = await storage.lastSeq(session.id, 'board')
    await vi.waitFor(async () => expect(await storage.lastSeq(session.id, 'board')).toBe(head))
    const log = await storage.logBytes(session.id, 'board')
    expect(log).toBeLessThan(200_000)
    const res = await steps('seq=1')
    expect(res.statusCode).toBe(413)
    expect(res.json<{ message: string }>().message).toMatch(/too large to replay .* over 262144/)
    // Asked again, in any encoding: refused without building.
    const once = built()
    for (const encoding of ['gzip', 'br', 'identity'])
      expect((await steps('seq=1', encoding)).statusCode).toBe(413)
    expect(built()).toBe(once)
  }, 60_000)

  it('builds the live end once per form and encoding, however the requests alternate', async () => {
    const { writer, stored, steps, built } = await board()
    writer.doc.getText('notes').insert(0, 'hello')
    await stored(2)
    const forms = ['seq=1', 'seq=1&keyframe=0']
    for (let round = 0; round < 3; round++)
      for (const q of forms)
        for (const encoding of ['gzip', 'br', 'identity'])
          expect((await steps(q, encoding)).statusCode).toBe(200)
    // Two forms, three encodings: six bodies, each built once (the identity body serves the
    // other encodings of its form once it is kept).
    expect(built()).toBeLessThanOrEqual(6)
    const before = built()
    for (const q of forms) await steps(q)
    expect(built()).toBe(before)
  }, 60_000)

  it('reads only the records array: a map entry set on its type, or an embed in the notes, misleads no step', async () => {
    const { writer, records, steps } = await board()
    const real = shape('shape:real', 5)
    records.push([{ key: real.id, val: real }])
    // A keyed entry on the array's type, written by a doc that took the root for a map: no
    // element of the array (no board shows it).
    const other = new Y.Doc()
    other.getMap(BoardKeys.records).set('x', { key: 'shape:phantom', val: shape('shape:phantom', 7) })
    Y.applyUpdate(writer.doc, Y.encodeStateAsUpdate(other))
    // An embed in the notes counts as one character: later edits land where they should.
    const notes = writer.doc.getText('notes')
    notes.insert(0, 'hello world')
    notes.insertEmbed(0, { image: 'x' })
    notes.delete(7, 5)
    notes.insert(7, 'THERE')
    const truth = (notes.toDelta() as { insert: unknown }[])
      .map((d) => (typeof d.insert === 'string' ? d.insert : '\ufffc'))
      .join('')
    expect(truth.startsWith('\ufffchello THERE')).toBe(true)
    const head = await vi.waitFor(async () => {
      const body = (await steps('seq=1', 'identity')).json<BuiltSegment>()
      expect(body.steps.length).toBeGreaterThanOrEqual(6)
      return body
    })
    const ids = new Set(head.keyframe!.records.map(([id]) => id))
    let text = head.keyframe!.notes
    for (const step of head.steps) {
      for (const [id] of step.put) ids.add(id)
      if (step.notes) text = applyNotesOps(text, step.notes)
    }
    expect(ids.has('shape:real')).toBe(true)
    expect(ids.has('shape:phantom')).toBe(false)
    expect(text).toBe(truth)
  }, 60_000)
})
