import { openBoardRecords, type SessionHistory, writeBoardSchema } from '@mockboard/shared'
import { createTLStore, getIndexAbove, type IndexKey, type TLRecord } from 'tldraw'
import { expect, vi } from 'vitest'

import { createSessionApi } from '../../client/src/api/sessionApi.js'
import type { BoardTimeline } from '../../client/src/replay/BoardTimeline.js'
import type { BoardFrame } from '../../client/src/replay/decodeFrames.js'
import type { WorkerReply, WorkerRequest } from '../../client/src/replay/segmentWorker.js'
import { createBoardSchema } from '../../client/src/shapes/schema.js'
import { componentShape } from '../bench/replay/records.js'
import { Rng } from '../bench/replay/rng.js'
import type { useHarness } from './harness.js'
import { createSession, type TestServer } from './server.js'

/**
 * Fixtures for the board timeline's tests: the real segment worker run in this process, and a
 * session of `n` recorded board updates whose every instant is known.
 */

type Harness = ReturnType<typeof useHarness>

/** A segment request the worker made: which update, and whether it asked for the opening board. */
interface Asked {
  seq: number
  keyframe: boolean
}

/**
 * The page's origin and a worker scope for the real segmentWorker module, run in this process:
 * relative API paths resolve against the test server as they would against the page's origin,
 * and a fresh copy of the module is one new Worker.
 */
export async function realWorker(h: Harness, server: TestServer) {
  const asked: Asked[] = []
  /** Requests and replies in the order they happened: `ask <seq>`, `reply <fromSeq> closedBy <seq>`. */
  const events: string[] = []
  /** The seqs the page asked the worker for. */
  const loads: number[] = []
  const realFetch = globalThis.fetch
  // Before the first stub: test files share a process, so a stub left behind would outlive this one.
  h.onCleanup(() => vi.unstubAllGlobals())
  vi.stubGlobal('fetch', (input: string, init?: RequestInit) => {
    const url = new URL(input, server.url)
    if (url.pathname.endsWith('/steps')) {
      asked.push({
        seq: Number(url.searchParams.get('seq')),
        keyframe: url.searchParams.get('keyframe') !== '0',
      })
      events.push(`ask ${url.searchParams.get('seq')}`)
    }
    return realFetch(url, init)
  })
  /** A new worker: a fresh copy of the module, with a scope of its own. */
  const create = async (name = 'worker') => {
    const page = { onmessage: null as ((e: MessageEvent<WorkerReply>) => void) | null }
    const scope = {
      onmessage: null as ((e: MessageEvent<WorkerRequest>) => void) | null,
      postMessage: (reply: WorkerReply) => {
        if (reply.type === 'segment')
          events.push(`reply ${reply.segment.fromSeq} closedBy ${reply.segment.closedBy}`)
        // Cloned as a real worker's messages are (a function in one throws).
        if (!worker.terminated)
          page.onmessage?.({ data: structuredClone(reply) } as MessageEvent<WorkerReply>)
      },
    }
    vi.stubGlobal('self', scope)
    vi.resetModules()
    await import('../../client/src/replay/segmentWorker.js')
    const worker = Object.assign(page, {
      onerror: null,
      terminated: false,
      terminate() {
        // What it was doing stops with it: nothing more reaches the page.
        worker.terminated = true
      },
      postMessage: (msg: WorkerRequest) => {
        if (msg.type === 'load') loads.push(msg.seq)
        if (msg.type === 'load' || msg.type === 'until') events.push(`${name} ${msg.type} ${msg.seq}`)
        const data = structuredClone(msg)
        queueMicrotask(() => scope.onmessage?.({ data } as MessageEvent))
      },
    })
    return worker
  }
  const worker = await create()
  return { worker: worker as unknown as Worker, create, asked, events, loads }
}

/** Records `n` board updates (component k = i % 5 moved to x = i), each at its own server instant. */
export async function record(h: Harness, n: number, snapshotEvery: number) {
  const server = await h.server({ config: { snapshotEvery } })
  const session = await createSession(server.url)
  const writer = h.client(server.syncUrl, session.id, 'board', session.tokens.candidate)
  await writer.synced
  const storage = server.app.context.storage
  const boardLog = async () => (await storage.listUpdates(session.id)).filter((u) => u.doc === 'board')
  const seeded = (await boardLog()).length
  const store = createTLStore({ schema: createBoardSchema() })
  const records = openBoardRecords<TLRecord>(writer.doc)
  writer.doc.transact(() => {
    for (const r of Object.values(store.serialize('document'))) records.set(r.id, r)
    writeBoardSchema(writer.doc, store.schema.serialize())
  })
  const rng = new Rng(7)
  let index: IndexKey | null = null
  const shapes = Array.from({ length: 5 }, () => componentShape(rng, (index = getIndexAbove(index)), 0, 0))
  const before = seeded + 1
  await vi.waitFor(async () => expect((await boardLog()).length).toBe(before))
  for (let i = 0; i < n; i++) {
    const shape = { ...shapes[i % 5]!, x: i } as TLRecord
    store.put([shape]) // validated against the live board's schema, as the client does
    records.set(shape.id, shape)
    await vi.waitFor(async () => expect((await boardLog()).length).toBe(before + i + 1))
    const last = (await boardLog()).at(-1)!.at
    await vi.waitFor(() => expect(Date.now()).toBeGreaterThan(last))
  }
  const api = createSessionApi(session.id, session.tokens.interviewer)
  return { server, session, api, before, ids: shapes.map((s) => s.id) }
}

/** x of shape k once updates 0…i were written: the last j ≤ i with j % 5 = k. */
export function lastWrite(i: number, k: number): number | undefined {
  const j = i - ((((i - k) % 5) + 5) % 5)
  return j >= 0 ? j : undefined
}

/** Lets every queued microtask and I/O callback run: a request the worker meant to make has started. */
export const turn = () => new Promise((r) => setImmediate(r))

export const xOf = (frame: BoardFrame, id: string) =>
  (JSON.parse(frame.records.get(id) ?? 'null') as { x: number } | null)?.x

/** Shows each of the `n` recorded instants: each is drawn at once, with every shape where it was. */
export function everyInstantExact(
  timeline: BoardTimeline,
  frames: [number, BoardFrame][],
  times: number[],
  before: number,
  ids: string[],
  n: number,
): void {
  for (let i = 0; i < n; i++) {
    timeline.show(times[before + i]!)
    const [seq, frame] = frames.at(-1)!
    expect(seq).toBe(before + i + 1)
    for (let k = 0; k < 5; k++) expect(xOf(frame, ids[k]!), `shape ${k} after ${i}`).toBe(lastWrite(i, k))
  }
}

/** The times of the board updates in a history, in log order. */
export const boardTimes = (updates: SessionHistory['updates']) =>
  updates.at.filter((_, i) => updates.doc[i] === 'board')
