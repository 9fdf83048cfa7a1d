import { describe, expect, it } from 'vitest'

import {
  type BoardState,
  KeyframeCache,
  stateBytes,
  stepsBytes,
} from '../../client/src/replay/KeyframeCache.js'
import { applyNotesOps, type SegmentStep } from '../../shared/src/docs/segmentBuilder.js'
import { Rng } from '../bench/replay/rng.js'

/** A session as the worker hands it over: segments of steps, each opening where the last closed. */
function randomSession(seed: number, segments: number, perSegment: number) {
  const rng = new Rng(seed)
  const out: { fromSeq: number; steps: SegmentStep[] }[] = []
  let seq = 0
  for (let s = 0; s < segments; s++) {
    const fromSeq = seq
    const steps: SegmentStep[] = []
    for (let i = 0; i < perSegment; i++) {
      seq++
      const step: SegmentStep = { seq, at: seq * 10, put: [], remove: [], notes: null }
      const puts = rng.int(0, 3)
      for (let p = 0; p < puts; p++) {
        const id = `shape:${rng.int(0, 40)}`
        step.put.push([id, JSON.stringify({ id, x: rng.int(0, 1000), label: 'x'.repeat(rng.int(0, 200)) })])
      }
      if (rng.next() < 0.3) step.remove.push(`shape:${rng.int(0, 40)}`)
      if (rng.next() < 0.2) step.notes = [{ retain: rng.int(0, 3) }, { insert: `n${seq} ` }]
      if (rng.next() < 0.02) step.schema = { v: seq }
      steps.push(step)
    }
    out.push({ fromSeq, steps })
  }
  return out
}

/** The board at `seq` replayed step by step from the empty board: the reference. */
function replayFromStart(session: ReturnType<typeof randomSession>, seq: number): BoardState {
  const state: BoardState = { records: new Map(), schema: null, notes: '' }
  for (const { steps } of session)
    for (const step of steps) {
      if (step.seq > seq) return state
      for (const [id, json] of step.put) state.records.set(id, json)
      for (const id of step.remove) state.records.delete(id)
      // Retains past the end keep nothing more: as Y.Text would never send them, harmless here.
      if (step.notes) state.notes = applyNotesOps(state.notes, step.notes)
      if (step.schema !== undefined) state.schema = step.schema
    }
  return state
}

const plain = (s: BoardState) => ({
  records: Object.fromEntries(s.records),
  schema: s.schema,
  notes: s.notes,
})

describe('KeyframeCache', () => {
  for (const seed of [1, 2, 3, 4, 5]) {
    it(`draws every sought instant exactly as a replay from the start, within its bytes (seed ${seed})`, () => {
      const session = randomSession(seed, 8, 120)
      const rng = new Rng(seed * 97)
      // Room for about two segments and a few keyframes: most of the session is dropped on the way.
      const budget = 2 * stepsBytes(session[0]!.steps) + 6 * stateBytes(replayFromStart(session, 960))
      const cache = new KeyframeCache(budget, 25)
      // Segments arrive as the page reads them: each opening is the previous one's end.
      for (const [s, { fromSeq, steps }] of session.entries()) {
        const opening =
          s === 0
            ? { records: new Map(), schema: null, notes: '' }
            : cache.frame(session[s - 1]!.fromSeq, fromSeq)
        expect(opening, `segment ${s} opens from the previous one's end`).not.toBeNull()
        cache.putSteps(fromSeq, steps)
        cache.putState(fromSeq, 0, opening!)
        expect(cache.bytes).toBeLessThanOrEqual(budget)
      }
      let drawn = 0
      let fetched = 0
      for (let i = 0; i < 400; i++) {
        const seg = session[rng.int(0, session.length - 1)]!
        const seq = seg.fromSeq + rng.int(0, seg.steps.length)
        const frame = cache.frame(seg.fromSeq, seq)
        if (frame === null) {
          // Dropped: the page fetches the segment again with its opening board.
          fetched++
          cache.putSteps(seg.fromSeq, seg.steps)
          cache.putState(seg.fromSeq, 0, replayFromStart(session, seg.fromSeq))
          continue
        }
        drawn++
        expect(plain(frame), `seq ${seq}`).toEqual(plain(replayFromStart(session, seq)))
        expect(cache.bytes).toBeLessThanOrEqual(budget)
      }
      // Both paths are exercised: drawn from what was kept, and dropped then fetched again.
      expect(drawn).toBeGreaterThan(50)
      expect(fetched).toBeGreaterThan(50)
    })
  }

  it('a seek applies one keyframe and at most `every` steps, keyframes kept on the way', () => {
    const session = randomSession(9, 1, 500)
    const { fromSeq, steps } = session[0]!
    const cache = new KeyframeCache(1 << 30, 50)
    cache.putSteps(fromSeq, steps)
    cache.putState(fromSeq, 0, { records: new Map(), schema: null, notes: '' })
    expect(plain(cache.frame(fromSeq, 480)!)).toEqual(plain(replayFromStart(session, 480)))
    // Each step after the last keyframe is counted by watching which ones are read.
    let read = 0
    const counted = steps.map((step) => {
      const copy = { ...step }
      Object.defineProperty(copy, 'put', { get: () => (read++, step.put) })
      return copy
    })
    cache.putSteps(fromSeq, counted)
    cache.frame(fromSeq, 480) // keyframes past the opening were dropped with the old steps: rebuilt
    for (const seq of [7, 480, 251, 99, 100, 333, 2]) {
      read = 0
      expect(plain(cache.frame(fromSeq, seq)!)).toEqual(plain(replayFromStart(session, seq)))
      expect(read, `steps applied for ${seq}`).toBeLessThan(50)
    }
  })

  it('keeps the newest entry even over budget, and drops everything older for it', () => {
    const session = randomSession(11, 3, 100)
    const cache = new KeyframeCache(1_000, 25)
    for (const { fromSeq, steps } of session) cache.putSteps(fromSeq, steps)
    expect(cache.steps(session[2]!.fromSeq)).toBe(session[2]!.steps)
    expect(cache.steps(session[0]!.fromSeq)).toBeUndefined()
    expect(cache.bytes).toBe(stepsBytes(session[2]!.steps))
    expect(cache.frame(session[2]!.fromSeq, session[2]!.fromSeq + 5)).toBeNull()
  })
})
