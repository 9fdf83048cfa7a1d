import type { BoardAtEnd } from '@mockboard/shared'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'

import { decodeBoard } from '../../client/src/replay/decodeFrames.js'
import { generateSession } from '../bench/replay/generateSession.js'
import { useHarness } from '../helpers/harness.js'
import { createSession } from '../helpers/server.js'

const { server } = useHarness()

async function decodeDoc(res: Response): Promise<Y.Doc> {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, new Uint8Array(await res.arrayBuffer()))
  return doc
}

describe('GET /board: the board as the log leaves it, as records', () => {
  it('is the state at the last update, read once per update and kept, for those who may read the board', async () => {
    const s = await server({ config: { snapshotEvery: 50 } })
    const { storage, signer, docWorkers } = s.app.context
    const id = 'board-at-end'
    // Three minutes of two people drawing, written as the board writes (snapshots every 50).
    const session = await generateSession(storage, {
      id,
      startAt: Date.now() - 60 * 60_000,
      seed: 3,
      snapshotEvery: 50,
      minutes: 3,
    })
    expect(session.updates.board).toBeGreaterThan(200)
    const token = (role: 'interviewer' | 'candidate' | 'observer') =>
      signer.sign({ sessionId: id, role, expiresAt: Math.floor(Date.now() / 1000) + 600 })
    const run = docWorkers.run.bind(docWorkers)
    let builds = 0
    docWorkers.run = (task) => {
      if (task.type === 'boardAtEnd') builds++
      return run(task)
    }
    const get = (
      path: string,
      role: 'interviewer' | 'candidate' | 'observer' = 'candidate',
      encoding = 'br',
    ) =>
      fetch(`${s.url}/api/sessions/${id}${path}`, {
        headers: { authorization: `Bearer ${token(role)}`, 'accept-encoding': encoding },
      })

    // The clock the board's rebuilds are timed by stands still until the test moves it.
    const { replayBodies } = s.app.context
    let clock = replayBodies.now()
    replayBodies.now = () => clock

    // Asked for by many at once before anyone built it: built once.
    const together = await Promise.all(Array.from({ length: 6 }, () => get('/board')))
    for (const r of together) expect(r.status).toBe(200)
    const res = together[0]!
    expect(res.headers.get('content-encoding')).toBe('br')
    const body = (await res.json()) as BoardAtEnd
    expect(body.seq).toBe(await storage.lastSeq(id, 'board'))
    // The same records, schema and notes as the Yjs state at that instant gives the page.
    const state = decodeBoard(
      new Uint8Array(await (await get(`/state?doc=board&at=${Date.now()}`)).arrayBuffer()),
    )
    expect(body.records.length).toBeGreaterThan(5)
    expect(new Map(body.records.map(([rid, record]) => [rid, JSON.stringify(record)]))).toEqual(state.records)
    expect(body.schema).toEqual(state.schema)
    expect(body.notes).toBe(state.notes)
    expect(body.notes.length).toBeGreaterThan(0)
    expect(builds).toBe(1)

    // Asked again, in another encoding too: made from what was kept, not read again.
    expect(await (await get('/board', 'interviewer')).json()).toEqual(body)
    const gz = await get('/board', 'candidate', 'gzip')
    expect(gz.headers.get('content-encoding')).toBe('gzip')
    expect(await gz.json()).toEqual(body)
    expect(builds).toBe(1)

    // An observer reads the replay only once the interviewer shares it.
    expect((await get('/board', 'observer')).status).toBe(403)

    // An update later (the session has ended: straight into the log): the board at that one.
    const doc = await decodeDoc(await get(`/state?doc=board&at=${Date.now()}`))
    const before = Y.encodeStateVector(doc)
    doc.getText('notes').insert(0, 'late remark ')
    await storage.appendUpdate(id, 'board', Y.encodeStateAsUpdate(doc, before), Date.now())
    // Within four times the last build's duration of it, that build is what is sent: a board
    // changing under its readers is not rebuilt per request. The page checks the seq it names.
    expect(((await (await get('/board')).json()) as BoardAtEnd).seq).toBe(body.seq)
    expect(builds).toBe(1)
    clock += 60_000
    const later = (await (await get('/board')).json()) as BoardAtEnd
    expect(later.seq).toBe(body.seq + 1)
    // The board at the earlier update is no longer kept.
    const { encoded } = replayBodies
    expect(encoded.get(`${id}/board/end/${body.seq}|br`)).toBeUndefined()
    expect(encoded.get(`${id}/board/end/${later.seq}|br`)).toBeDefined()
    expect(later.notes.startsWith('late remark ')).toBe(true)
    expect(builds).toBe(2)

    // A participant's BigInt in the schema's map (which no check reads on the way in) is left out.
    const meta = await decodeDoc(await get(`/state?doc=board&at=${Date.now()}`))
    const vector = Y.encodeStateVector(meta)
    meta.getMap('meta').set('schema', { schemaVersion: 2n })
    await storage.appendUpdate(id, 'board', Y.encodeStateAsUpdate(meta, vector), Date.now())
    clock += 60_000
    const odd = await get('/board')
    expect(odd.status).toBe(200)
    expect(((await odd.json()) as BoardAtEnd).schema).toEqual({})
  })

  it('refuses a board too large to send whole (413, no build per request) and one deleted while built (404)', async () => {
    // A 64 KiB cache: board bodies over a quarter of it are not sent.
    const s = await server({ config: { http: { replayCacheBytes: 64 * 1024 } } })
    const { storage, docWorkers, replayBodies } = s.app.context
    const session = await createSession(s.url)
    const doc = new Y.Doc()
    doc.getText('notes').insert(0, 'x'.repeat(40_000))
    await storage.appendUpdate(session.id, 'board', Y.encodeStateAsUpdate(doc), Date.now())
    const run = docWorkers.run.bind(docWorkers)
    let builds = 0
    let duringBuild: (() => Promise<void>) | null = null
    docWorkers.run = async (task) => {
      if (task.type !== 'boardAtEnd') return run(task)
      builds++
      const body = await run(task)
      await duringBuild?.()
      return body
    }
    const board = () =>
      fetch(`${s.url}/api/sessions/${session.id}/board`, {
        headers: { authorization: `Bearer ${session.tokens.interviewer}` },
      })
    for (let i = 0; i < 3; i++) {
      const res = await board()
      expect(res.status).toBe(413)
      expect(((await res.json()) as { message: string }).message).toMatch(
        /too large to send whole.*from its log/,
      )
    }
    expect(builds).toBe(1)

    // A small board, deleted by its interviewer while it is being built: nothing of it is sent or kept.
    const other = await createSession(s.url)
    duringBuild = async () => {
      const deleted = await fetch(`${s.url}/api/sessions/${other.id}`, {
        method: 'DELETE',
        headers: { authorization: `Bearer ${other.tokens.interviewer}` },
      })
      expect(deleted.status).toBe(204)
    }
    const res = await fetch(`${s.url}/api/sessions/${other.id}/board`, {
      headers: { authorization: `Bearer ${other.tokens.interviewer}` },
    })
    expect(res.status).toBe(404)
    expect(replayBodies.encoded.size.entries).toBe(0)
    expect(replayBodies.latestBoard(other.id, `${other.id}/board/end/0`)).toBeUndefined()
  })
})
