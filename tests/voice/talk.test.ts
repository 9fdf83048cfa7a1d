import { type SessionReport, talkByPhase, talkSpans, talkTracks } from '@mockboard/shared'
import { describe, expect, it, vi } from 'vitest'

import { setTimer, useHarness } from '../helpers/harness.js'
import { api, chunk, take } from '../helpers/recordingsApi.js'
import { createSession } from '../helpers/server.js'

const { server, client } = useHarness()

describe('talk activity from the recorded levels', () => {
  it('turns level digits into talk spans on the take’s clock, bridging short pauses', () => {
    // 10 levels over 1 s each: loud 0.3–0.5 s, a 0.2 s pause (bridged), loud 0.7–0.8 s; then a second chunk.
    const spans = talkSpans(10_000, [
      { durationMs: 1000, levels: '0003300300' },
      { durationMs: 2000, levels: '0000000000000000009' },
    ])
    expect(spans).toEqual([
      [10_300, 10_800],
      [12_895, 13_000],
    ])
    expect(talkSpans(0, [{ durationMs: 3000, levels: '' }])).toEqual([])
  })

  it('shares talk per phase between participants, every take of one person together', () => {
    const tracks = talkTracks([
      { participant: 'Cam', role: 'candidate', spans: [[0, 3000]] },
      { participant: 'Ada', role: 'interviewer', spans: [[2000, 3000]] },
      { participant: 'Cam', role: 'candidate', spans: [[5000, 6000]] },
    ])
    expect(tracks.map((t) => t.participant)).toEqual(['Cam', 'Ada'])
    const phases = talkByPhase(
      tracks,
      [
        { index: 0, name: 'Requirements', start: 0, end: 4000 },
        { index: 1, name: 'Design', start: 4000, end: null },
        { index: 2, name: 'Wrap-up', start: null, end: null },
      ],
      10_000,
    )
    expect(phases.map((p) => [p.name, p.talkMs, p.people.map((x) => Number(x.share.toFixed(2)))])).toEqual([
      ['Requirements', 4000, [0.75, 0.25]],
      ['Design', 1000, [1, 0]],
      ['Wrap-up', 0, [0, 0]],
    ])
  })

  it('stores levels with each chunk (bounded), lists talk per take, reports consent and shares', async () => {
    const s = await server()
    const session = await createSession(s.url)
    const a = api(s, session)
    const { candidate, interviewer } = session.tokens
    const control = client(s.syncUrl, session.id, 'control', interviewer)
    await control.synced
    setTimer(control, { type: 'start' })
    const report = async () =>
      (await (
        await fetch(`${s.url}/api/sessions/${session.id}/report.json`, {
          headers: { authorization: `Bearer ${interviewer}` },
        })
      ).json()) as SessionReport
    // The timer's start is stored before any audio arrives: all the talk falls in the first phase.
    await vi.waitFor(async () => expect((await report()).phases[0]!.start).not.toBeNull())

    const cam = await take(a, candidate, 'Cam')
    // Takes are listed in the order of consent: Ada's comes a millisecond later at least (in the
    // same millisecond the order of two takes is their random ids').
    const camTaken = Date.now()
    await vi.waitFor(() => expect(Date.now()).toBeGreaterThan(camTaken))
    const ada = await take(a, interviewer, 'Ada')
    const tooMany = await a.upload(
      candidate,
      cam,
      0,
      chunk(1),
      undefined,
      `durationMs=1000&levels=${'1'.repeat(21)}`,
    )
    expect(tooMany.status).toBe(400)
    expect(await tooMany.text()).toMatch(/levels/)
    const notDigits = await a.upload(candidate, cam, 0, chunk(1), undefined, 'durationMs=1000&levels=9x')
    expect(notDigits.status).toBe(400)
    expect(await notDigits.text()).toMatch(/levels/)

    // A silent first second, then Cam talks a whole second and Ada half of one.
    for (const [token, id, loud] of [
      [candidate, cam, '9999999999'],
      [interviewer, ada, '9999900000'],
    ] as const) {
      expect(
        (await a.upload(token, id, 0, chunk(1), undefined, 'durationMs=1000&levels=0000000000')).status,
      ).toBe(201)
      expect(
        (await a.upload(token, id, 1, chunk(2), undefined, `durationMs=1000&levels=${loud}`)).status,
      ).toBe(201)
    }
    const listed = (await (await a.list(interviewer)).json()) as { participant: string; talk: number[][] }[]
    const spanOf = (name: string) => listed.find((r) => r.participant === name)!.talk
    expect(spanOf('Cam')).toHaveLength(1)
    expect(spanOf('Cam')[0]![1]! - spanOf('Cam')[0]![0]!).toBe(1000)
    expect(spanOf('Ada')[0]![1]! - spanOf('Ada')[0]![0]!).toBe(500)

    // Chunks arrive faster than real time here: the last second of talk lies ahead of the server's
    // clock until that second has passed (the report counts talk up to now).
    const lastTalk = Math.max(...listed.flatMap((r) => r.talk.map((span) => span[1]!)))
    await vi.waitFor(() => expect(Date.now()).toBeGreaterThan(lastTalk + 5), { timeout: 5000 })
    const { talk } = await report()
    expect(talk!.consent.map((c) => [c.participant, c.role])).toEqual([
      ['Cam', 'candidate'],
      ['Ada', 'interviewer'],
    ])
    expect(talk!.consent.every((c) => typeof c.consentedAt === 'number')).toBe(true)
    const first = talk!.phases[0]!
    expect(first.talkMs).toBe(1500)
    expect(first.people.map((x) => [x.participant, Number(x.share.toFixed(3))])).toEqual([
      ['Cam', 0.667],
      ['Ada', 0.333],
    ])
    const md = await (
      await fetch(`${s.url}/api/sessions/${session.id}/report.md`, {
        headers: { authorization: `Bearer ${interviewer}` },
      })
    ).text()
    expect(md).toMatch(/## Talk time/)
    expect(md).toMatch(/\| Cam \| candidate \| \d{4}-/)
    expect(md).toMatch(/Cam 67% \(1 s\), Ada 33% \(1 s\)/)

    // The candidate sees none of it until the report is shared (the recordings' rule).
    const theirs = (await (
      await fetch(`${s.url}/api/sessions/${session.id}/report.json`, {
        headers: { authorization: `Bearer ${candidate}` },
      })
    ).json()) as SessionReport
    expect(theirs.talk).toBeUndefined()
  })
})
