import type { SessionHistory } from '@mockboard/shared'
import { describe, expect, it, vi } from 'vitest'

import { BoardTimeline } from '../../client/src/replay/BoardTimeline.js'
import type { BoardFrame } from '../../client/src/replay/decodeFrames.js'
import { Rng } from '../bench/replay/rng.js'
import { useHarness } from '../helpers/harness.js'
import {
  boardTimes,
  everyInstantExact,
  lastWrite,
  realWorker,
  record,
  turn,
  xOf,
} from '../helpers/timelineFixtures.js'

const h = useHarness()

describe('BoardTimeline with the real segment worker and server', () => {
  it('shows the sought instant first, then loads the rest forward without openings', async () => {
    const { server, session, api, before, ids } = await record(h, 95, 20)
    const { worker, asked, events, loads } = await realWorker(h, server)
    const { updates } = await api.history()
    const times = boardTimes(updates)
    const frames: [number, BoardFrame][] = []
    const errors: Error[] = []
    const timeline = new BoardTimeline({
      createWorker: () => worker,
      sessionId: session.id,
      token: session.tokens.interviewer,
      updates,
      onFrame: (seq, f) => frames.push([seq, f]),
      onError: (e) => errors.push(e),
    })
    timeline.start()
    const sought = before + 45
    timeline.show(times[sought - 1]!)
    await vi.waitFor(() => expect(timeline.loadedShare).toBe(1), { timeout: 10_000 })
    expect(errors).toEqual([])
    expect(frames[0]![0]).toBe(sought)
    expect(xOf(frames[0]![1], ids[4]!)).toBe(44)

    // The log has several segments. The start and the sought one came with their opening boards;
    // the worker streamed the rest forward from the start on its own (the sought one between its
    // segments), each continuing the previous one (no opening board); none fetched twice.
    expect(asked.length).toBeGreaterThanOrEqual(4)
    expect(asked[0]).toEqual({ seq: 0, keyframe: true })
    expect(asked).toContainEqual({ seq: sought, keyframe: true })
    const forward = asked.filter((a) => a.seq !== 0 && a.seq !== sought)
    expect(forward.length).toBeGreaterThan(0)
    for (const a of forward) expect(a, `segment at ${a.seq}`).toEqual({ seq: a.seq, keyframe: false })
    expect(new Set(asked.map((a) => a.seq)).size).toBe(asked.length)
    // Reading forward, the next segment is asked for before the current one is handed over: the
    // server serves it while the worker hands over this one.
    // (Where in `events` each reply is: the stream may read a segment the page asked for too.)
    const at = events.flatMap((e, i) => (e.startsWith('reply ') ? [i] : []))
    const replies = at.map((i) => events[i]!.split(' ').map(Number))
    let ahead = 0
    for (let r = 1; r < replies.length; r++) {
      const [, from, , closedBy] = replies[r]!
      const continues = from === replies[r - 1]![3]
      if (!continues || Number.isNaN(closedBy) || !asked.some((a) => a.seq === closedBy! + 1)) continue
      ahead++
      expect(events.indexOf(`ask ${closedBy! + 1}`), `${events[at[r]!]}: ask next first`).toBeLessThan(at[r]!)
    }
    expect(ahead).toBeGreaterThan(0)
    // The page asked for the start and the sought instant only: the worker streamed the rest.
    expect(loads).toEqual([0, sought])

    // Every instant is now drawn synchronously, exactly as written.
    everyInstantExact(timeline, frames, times, before, ids, 95)
    timeline.stop()
  }, 60_000)

  it('reads a long stretch with two workers, one from each half, each segment once', async () => {
    const { server, session, api, before, ids } = await record(h, 195, 20)
    const scope = await realWorker(h, server)
    const workers = [scope.worker, (await scope.create('helper')) as unknown as Worker]
    const created: Worker[] = []
    const { updates } = await api.history()
    const times = boardTimes(updates)
    const frames: [number, BoardFrame][] = []
    const timeline = new BoardTimeline({
      createWorker: () => {
        created.push(workers[created.length]!)
        return created.at(-1)!
      },
      sessionId: session.id,
      token: session.tokens.interviewer,
      updates,
      lanes: 2,
      splitUpdates: 60,
      onFrame: (seq, f) => frames.push([seq, f]),
      onError: (e) => {
        throw e
      },
    })
    // As the page opens: on the final instant, then the worker starts.
    timeline.show(times.at(-1)!)
    timeline.start()
    await vi.waitFor(() => expect(timeline.loadedShare).toBe(1), { timeout: 10_000 })
    await turn()
    const { events } = scope
    // The final instant first; then the stretch before its segment was split: the helper was
    // asked once, from the middle, and told the first worker where its first segment opens.
    expect(created).toHaveLength(2)
    const helperLoads = events.filter((e) => e.startsWith('helper load'))
    expect(helperLoads).toHaveLength(1)
    const mid = Number(helperLoads[0]!.split(' ')[2])
    const opening = Number(events.find((e) => e.startsWith('worker until'))?.split(' ')[2])
    expect(opening).toBeLessThan(mid)
    expect(opening).toBeGreaterThan(before)
    expect(events.some((e) => e === `reply ${opening} closedBy ${opening + 20}`)).toBe(true)
    // Each segment was built once, by one of the two, and the helper ended with its stretch.
    const replies = events.filter((e) => e.startsWith('reply ')).map((e) => Number(e.split(' ')[1]))
    expect(replies.length).toBeGreaterThanOrEqual(9)
    expect(new Set(replies).size).toBe(replies.length)
    expect((workers[1] as unknown as { terminated: boolean }).terminated).toBe(true)

    // Every instant is drawn synchronously, exactly as written, on both sides of the split.
    everyInstantExact(timeline, frames, times, before, ids, 195)
    timeline.stop()
  }, 90_000)

  it('keeps within its bytes on a long session: segments dropped are fetched again when shown, exactly', async () => {
    const { server, session, api, before, ids } = await record(h, 95, 20)
    const { worker, asked } = await realWorker(h, server)
    const { updates } = await api.history()
    const times = boardTimes(updates)
    const frames: [number, BoardFrame][] = []
    const waiting: boolean[] = []
    // Room for about two of the five segments (each ~14 KB of steps, a keyframe ~4 KB).
    const cacheBytes = 40_000
    const timeline = new BoardTimeline({
      createWorker: () => worker,
      sessionId: session.id,
      token: session.tokens.interviewer,
      updates,
      onFrame: (seq, f) => frames.push([seq, f]),
      onError: (e) => {
        throw e
      },
      cacheBytes,
      keyframeEvery: 5,
      onWaiting: (w) => waiting.push(w),
    })
    timeline.start()
    timeline.show(times.at(-1)!)
    await vi.waitFor(() => expect(timeline.loadedShare).toBe(1), { timeout: 10_000 })
    await turn()
    // Read once each: the background reading does not go round again for what it dropped.
    const readOnce = asked.length
    expect(new Set(asked.map((a) => a.seq)).size).toBe(readOnce)
    expect(timeline.keptBytes).toBeLessThanOrEqual(cacheBytes)

    const rng = new Rng(3)
    for (let n = 0; n < 40; n++) {
      const i = rng.int(0, 94)
      timeline.show(times[before + i]!)
      // A dropped segment is fetched again: a round trip and a build, slow on a loaded machine.
      await vi.waitFor(() => expect(frames.at(-1)![0]).toBe(before + i + 1), { timeout: 10_000 })
      const frame = frames.at(-1)![1]
      for (let k = 0; k < 5; k++) expect(xOf(frame, ids[k]!), `shape ${k} after ${i}`).toBe(lastWrite(i, k))
      expect(timeline.keptBytes).toBeLessThanOrEqual(cacheBytes)
    }
    // Far jumps landed in dropped segments: fetched again with their opening board.
    const again = asked.slice(readOnce)
    expect(again.length).toBeGreaterThan(0)
    for (const a of again) expect(a.keyframe, `segment at ${a.seq}`).toBe(true)
    // The page was told each time it had to wait (its badge says so), and that it no longer does.
    expect(waiting.filter((w) => w).length).toBeGreaterThanOrEqual(again.length)
    expect(waiting.at(-1)).toBe(false)
    timeline.stop()
  }, 60_000)

  it('draws the final board from GET /board before any segment is built; a stale one is not used', async () => {
    const { server, session, api, ids } = await record(h, 30, 20)
    // (The worker's scope resolves the API's paths against the server: made before they are asked.)
    let scope = await realWorker(h, server)
    const { updates } = await api.history()
    const end = boardTimes(updates).at(-1)!
    const board = await api.boardAtEnd()
    const open = async (endBoard: Promise<typeof board>) => {
      const { worker, loads } = scope
      const timeline = new BoardTimeline({
        createWorker: () => worker,
        sessionId: session.id,
        token: session.tokens.interviewer,
        updates,
        restLater: true,
        endBoard,
      })
      await turn()
      timeline.start()
      return { timeline, loads }
    }

    const { timeline, loads } = await open(Promise.resolve(board))
    const seeded = await timeline.load(end)
    for (let k = 0; k < 5; k++) expect(xOf(seeded, ids[k]!)).toBe(lastWrite(29, k))
    // Nothing was asked of the worker: the rest waits for the first paint.
    expect(loads).toEqual([])
    timeline.loadRest()
    await vi.waitFor(() => expect(timeline.loadedShare).toBe(1), { timeout: 10_000 })
    // The segment's own frame, once built, is the same board.
    const built = await timeline.load(end)
    expect(built).not.toBe(seeded)
    expect(built.records).toEqual(seeded.records)
    expect(built.notes).toBe(seeded.notes)
    timeline.stop()

    // A board from before the history's last update (the log moved on) waits for the worker.
    scope = await realWorker(h, server)
    const stale = await open(Promise.resolve({ ...board, seq: board.seq - 1 }))
    const frame = await stale.timeline.load(end)
    expect(stale.loads).toHaveLength(1)
    for (let k = 0; k < 5; k++) expect(xOf(frame, ids[k]!)).toBe(lastWrite(29, k))
    stale.timeline.stop()

    // While /board is on its way the worker is not asked to build the same board...
    scope = await realWorker(h, server)
    let answer!: (b: typeof board) => void
    const late = await open(new Promise((resolve) => (answer = resolve)))
    const waited = late.timeline.load(end)
    await turn()
    await turn()
    expect(late.loads).toEqual([])
    answer(board)
    expect((await waited).records).toEqual(seeded.records)
    expect(late.loads).toEqual([])
    late.timeline.stop()

    // ...and one that never answers holds it back for two seconds, not for good.
    scope = await realWorker(h, server)
    const began = Date.now()
    const hung = await open(new Promise(() => undefined))
    const fromWorker = await hung.timeline.load(end)
    expect(Date.now() - began).toBeGreaterThanOrEqual(1_990)
    expect(hung.loads).toHaveLength(1)
    expect(fromWorker.records).toEqual(seeded.records)
    hung.timeline.stop()
  }, 60_000)

  it('stops asking when the log ends before the history does', async () => {
    const { server, session, api, ids } = await record(h, 50, 20)
    const { worker, asked } = await realWorker(h, server)
    const history = await api.history()
    // The history promises 20 more updates than the log holds (as if the log lost its end).
    const last = history.updates.at.at(-1)!
    const lastSeq = Math.max(...history.updates.seq.filter((_, i) => history.updates.doc[i] === 'board'))
    const updates: SessionHistory['updates'] = {
      at: [...history.updates.at, ...Array.from({ length: 20 }, (_, i) => last + 10 * (i + 1))],
      doc: [...history.updates.doc, ...Array.from({ length: 20 }, () => 'board' as const)],
      seq: [...history.updates.seq, ...Array.from({ length: 20 }, (_, i) => lastSeq + i + 1)],
      size: [...history.updates.size, ...Array.from({ length: 20 }, () => 1)],
    }
    let shown = -1
    const timeline = new BoardTimeline({
      createWorker: () => worker,
      sessionId: session.id,
      token: session.tokens.interviewer,
      updates,
      onFrame: (seq) => (shown = seq),
      onError: (e) => {
        throw e
      },
    })
    timeline.start()
    const final = await timeline.load(updates.at.at(-1)!)
    expect(xOf(final, ids[4]!)).toBe(49)
    timeline.show(updates.at.at(-1)!)
    await vi.waitFor(() => expect(shown).toBe(lastSeq))
    // Everything the server has gets loaded; then nothing more is asked, however often the
    // missing end is shown, and no segment is asked for twice.
    const maxSeq = updates.seq.at(-1)!
    await vi.waitFor(() => expect(timeline.loadedShare).toBeCloseTo(lastSeq / maxSeq, 5))
    const count = asked.length
    for (let i = 0; i < 5; i++) {
      timeline.show(updates.at.at(-1)!)
      await turn()
    }
    expect(asked.length).toBe(count)
    expect(new Set(asked.map((a) => a.seq)).size).toBe(asked.length)
    timeline.stop()
  }, 60_000)
})
