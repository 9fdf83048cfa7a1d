import { type FindingEvent, openBoardRecords } from '@mockboard/shared'
import { describe, expect, it, vi } from 'vitest'

import { useHarness } from '../helpers/harness.js'
import { createSession } from '../helpers/server.js'

const { server, client } = useHarness()

const component = (id: string, label: string) => ({
  id,
  typeName: 'shape',
  type: 'system-component',
  x: 0,
  y: 0,
  rotation: 0,
  index: 'a1',
  parentId: 'page:page',
  isLocked: false,
  opacity: 1,
  meta: {},
  props: {
    kind: 'relational-db',
    label,
    technology: '',
    replicas: 1,
    shardKey: '',
    notes: '',
    w: 184,
    h: 76,
  },
})

describe('GET /api/sessions/:id/review/events', () => {
  it('reviews the log once per board head: a repeated request does no review work', async () => {
    const s = await server()
    const session = await createSession(s.url)
    const writer = client(s.syncUrl, session.id, 'board', session.tokens.candidate)
    await writer.synced
    const records = openBoardRecords<{ id: string }>(writer.doc)
    const room = s.app.context.registry.peek(session.id, 'board')!
    // Counts the reviews the document workers run (the real pool still runs them).
    const run = vi.spyOn(s.app.context.docWorkers, 'run')
    const reviews = () => run.mock.calls.filter(([task]) => task.type === 'reviewEvents').length
    const events = async () => {
      const res = await fetch(`${s.url}/api/sessions/${session.id}/review/events`, {
        headers: { authorization: `Bearer ${session.tokens.interviewer}` },
      })
      expect(res.status).toBe(200)
      return ((await res.json()) as { events: FindingEvent[] }).events
    }
    const raised = (list: FindingEvent[]) => list.map((e) => e.finding.shapeIds.join()).sort()

    records.set('shape:a', component('shape:a', 'Orders DB'))
    await vi.waitFor(() => expect(openBoardRecords(room.doc).has('shape:a')).toBe(true))
    await room.flush()
    const first = await events()
    expect(raised(first)).toEqual(['shape:a'])
    expect(await events()).toEqual(first)
    expect(await events()).toEqual(first)
    expect(reviews()).toBe(1)

    // The log grew: built again, with the new finding.
    records.set('shape:b', component('shape:b', 'Users DB'))
    await vi.waitFor(() => expect(openBoardRecords(room.doc).has('shape:b')).toBe(true))
    await room.flush()
    expect(raised(await events())).toEqual(['shape:a', 'shape:b'])
    expect(reviews()).toBe(2)
  })
})
