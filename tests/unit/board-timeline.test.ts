import { BoardKeys, type SessionHistory } from '@mockboard/shared'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'

import { BoardTimeline } from '../../client/src/replay/BoardTimeline.js'
import type { BoardFrame } from '../../client/src/replay/decodeFrames.js'
import { type BuiltSegment, SegmentBuilder } from '../../client/src/replay/segmentBuilder.js'
import type { WorkerReply, WorkerRequest } from '../../client/src/replay/segmentWorker.js'

/** A board log of `n` updates (one shape moved per update) with a snapshot every `every`. */
function recordLog(n: number, every: number) {
  const doc = new Y.Doc()
  const log: { seq: number; at: number; data: Uint8Array }[] = []
  doc.on('update', (data: Uint8Array) => log.push({ seq: log.length + 1, at: 1_000 + log.length * 10, data }))
  const arr = doc.getArray<{ key: string; val: unknown }>(BoardKeys.records)
  for (let i = 0; i < n; i++) {
    doc.transact(() => {
      const key = `shape:${i % 5}`
      const old = arr.toArray().findIndex((e) => e.key === key)
      if (old >= 0) arr.delete(old, 1)
      arr.push([{ key, val: { id: key, typeName: 'shape', x: i } }])
    })
  }
  const snapshots = new Map<number, Uint8Array>()
  for (let s = every; s < n; s += every) {
    const d = new Y.Doc()
    for (const u of log.slice(0, s)) Y.applyUpdate(d, u.data)
    snapshots.set(s, Y.encodeStateAsUpdate(d))
  }
  return { log, snapshots }
}

/**
 * The worker's job done in-process with the real SegmentBuilder over segments cut like the
 * server's, recording what was asked (and whether a snapshot was needed). `limit` hides the
 * log's end, as if the server lost it.
 */
function fakeWorker(n: number, every: number, limit = n) {
  const { log, snapshots } = recordLog(n, every)
  const asked: { seq: number; snapshot: boolean }[] = []
  let chain: { builder: SegmentBuilder; closedBy: number } | null = null
  const worker = {
    onmessage: null as ((e: MessageEvent<WorkerReply>) => void) | null,
    onerror: null,
    terminate() {},
    postMessage(msg: WorkerRequest) {
      if (msg.type !== 'load') return
      const from = Math.floor(Math.min(msg.seq, limit) / every) * every
      const closedBy = from + every <= limit && from + every < n ? from + every : null
      const continues = chain?.closedBy === from
      asked.push({ seq: msg.seq, snapshot: !continues })
      const builder = continues
        ? chain!.builder
        : new SegmentBuilder(from > 0 ? snapshots.get(from)! : null, from)
      const keyframe = continues ? null : builder.keyframe()
      const updates = log.slice(from, closedBy ?? limit)
      const steps = updates.map((u) => builder.apply(u))
      chain = closedBy === null ? null : { builder, closedBy }
      const segment: BuiltSegment = {
        fromSeq: from,
        toSeq: updates.at(-1)?.seq ?? from,
        closedBy,
        keyframe,
        steps,
      }
      queueMicrotask(() =>
        worker.onmessage?.({ data: { type: 'segment', id: msg.id, segment } } as MessageEvent<WorkerReply>),
      )
    },
  }
  const updates: SessionHistory['updates'] = {
    at: log.map((u) => u.at),
    doc: log.map(() => 'board'),
    seq: log.map((u) => u.seq),
    size: log.map(() => 1),
  }
  return { worker, asked, updates, log }
}

const xOf = (frame: BoardFrame, id: string) =>
  (JSON.parse(frame.records.get(id) ?? 'null') as { x: number } | null)?.x
const settle = () => new Promise((r) => setTimeout(r, 0))

describe('BoardTimeline', () => {
  it('shows the sought instant first, then loads the rest forward without snapshots', async () => {
    const { worker, asked, updates, log } = fakeWorker(95, 20)
    const frames: [number, BoardFrame][] = []
    const timeline = new BoardTimeline({
      createWorker: () => worker as unknown as Worker,
      sessionId: '',
      token: '',
      updates,
      onFrame: (seq, f) => frames.push([seq, f]),
      onError: (e) => {
        throw e
      },
    })
    timeline.start()
    timeline.show(log[44]!.at)
    while (timeline.loadedShare < 1) await settle()
    expect(frames[0]![0]).toBe(45)
    expect(xOf(frames[0]![1], 'shape:4')).toBe(44)
    // The start was asked for when the worker started; then the sought segment (with its
    // snapshot), forward from it continuing each document, and the gap left.
    expect(asked.map((a) => [a.seq, a.snapshot])).toEqual([
      [0, true],
      [45, true],
      [61, false],
      [81, false],
      [21, true],
    ])
    // Every instant is now drawn synchronously, exactly.
    for (const i of [0, 19, 20, 21, 59, 60, 94]) {
      timeline.show(log[i]!.at)
      const [seq, frame] = frames.at(-1)!
      expect(seq).toBe(i + 1)
      expect(xOf(frame, `shape:${i % 5}`)).toBe(i)
    }
    timeline.show(log[0]!.at - 1)
    expect(frames.at(-1)![1].records.size).toBe(0)
  })

  it('stops asking when the log ends before the history does', async () => {
    const { worker, asked, updates, log } = fakeWorker(50, 20, 30)
    let shown = -1
    const timeline = new BoardTimeline({
      createWorker: () => worker as unknown as Worker,
      sessionId: '',
      token: '',
      updates,
      onFrame: (seq) => (shown = seq),
      onError: (e) => {
        throw e
      },
    })
    timeline.start()
    const final = await timeline.load(log[49]!.at)
    expect(final.records.size).toBe(5)
    timeline.show(log[49]!.at)
    for (let i = 0; i < 10; i++) await settle()
    expect(shown).toBe(30)
    expect(asked.length).toBeLessThanOrEqual(3)
  })
})
