import { readEvidence, rubricMap, type SessionReport, writeRubricArea } from '@mockboard/shared'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'

import { docOfParts } from '../../server/src/replay/docState.js'
import { loadParts } from '../../server/src/replay/readStored.js'
import { useHarness } from '../helpers/harness.js'
import { createSession } from '../helpers/server.js'

const h = useHarness()

describe('rubric evidence', () => {
  it('reads only well-formed moments, once each, oldest first, however a client stored them', () => {
    const read = readEvidence([
      { kind: 'phase', at: 2_000, label: 'Deep dive starts' },
      { kind: 'bookmark', at: 1_000, label: 'Good sharding answer' },
      { kind: 'bookmark', at: 1_000, label: 'same moment again' },
      { kind: 'finding', at: 3_000 },
      { kind: 'rumour', at: 4_000, label: 'unknown kind' },
      { kind: 'bookmark', at: Number.NaN, label: 'no time' },
      { kind: 'bookmark', at: '5000', label: 'time as text' },
      { kind: 'phase', at: -1, label: 'before the epoch' },
      'junk',
      null,
      [1, 2],
    ])
    expect(read).toEqual([
      { kind: 'bookmark', at: 1_000, label: 'Good sharding answer' },
      { kind: 'phase', at: 2_000, label: 'Deep dive starts' },
      { kind: 'finding', at: 3_000, label: '' },
    ])
    expect(readEvidence('not a list')).toEqual([])
    expect(
      readEvidence(Array.from({ length: 40 }, (_, i) => ({ kind: 'phase', at: i, label: '' }))),
    ).toHaveLength(12)
  })

  it('a score cites moments stored in the private doc; the report prints them, junk dropped', async () => {
    const s = await h.server()
    const session = await createSession(s.url)
    const storage = s.app.context.storage
    const doc = docOfParts(await loadParts(storage, session.id, 'private'))
    const before = Y.encodeStateVector(doc)
    const createdAt = Date.now()
    writeRubricArea(doc, 'storage', {
      score: 3,
      comment: 'Chose Postgres',
      evidence: [{ kind: 'bookmark', at: createdAt + 65_000, label: 'Picked a shard key' }],
    })
    // What a hostile or outdated client could store directly, past the writer's checks.
    rubricMap(doc).set('reliability', {
      score: 2,
      comment: '',
      evidence: [
        { kind: 'finding', at: createdAt + 125_000, label: 'Primary DB is a single point of failure' },
        { kind: 'finding', at: 'later', label: 'junk time' },
        { kind: 'gossip', at: createdAt, label: 'junk kind' },
        42,
      ],
    })
    await storage.appendUpdate(session.id, 'private', Y.encodeStateAsUpdate(doc, before), Date.now())
    doc.destroy()
    const auth = { authorization: `Bearer ${session.tokens.interviewer}` }

    const res = await fetch(`${s.url}/api/sessions/${session.id}/report.json`, { headers: auth })
    expect(res.status).toBe(200)
    const report = (await res.json()) as SessionReport
    const rubric = report.interviewer!.rubric
    expect(rubric.storage).toEqual({
      score: 3,
      comment: 'Chose Postgres',
      evidence: [{ kind: 'bookmark', at: createdAt + 65_000, label: 'Picked a shard key' }],
    })
    expect(rubric.reliability!.evidence).toEqual([
      { kind: 'finding', at: createdAt + 125_000, label: 'Primary DB is a single point of failure' },
    ])

    const md = await (await fetch(`${s.url}/api/sessions/${session.id}/report.md`, { headers: auth })).text()
    const row = md.split('\n').find((l) => l.startsWith('| Security & reliability'))
    expect(row).toContain('Primary DB is a single point of failure')
    expect(md).not.toContain('junk')
  })
})
