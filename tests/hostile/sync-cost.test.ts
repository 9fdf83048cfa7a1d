import { boardRecordsArray, CloseCode } from '@mockboard/shared'
import * as encoding from 'lib0/encoding'
import { describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'

import { storedParts } from '../../server/src/storage/Storage.js'
import { useHarness } from '../helpers/harness.js'
import { counterValue } from '../helpers/metrics.js'
import { openRaw, syncStep1, syncStep2, syncUpdate } from '../helpers/rawSync.js'
import { createSession } from '../helpers/server.js'

const { server, client, onCleanup } = useHarness()

/**
 * `count` one-character inserts into the text `scratch`, each at the start (so none merges with
 * another), written as Yjs would write them: about 7 bytes each. Encoded by hand: building 2M
 * inserts through Yjs would take the test longer than the attack takes the server.
 */
function unmergeableInserts(count: number, clientId: number): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, 1)
  encoding.writeVarUint(e, count)
  encoding.writeVarUint(e, clientId)
  encoding.writeVarUint(e, 0)
  for (let clock = 0; clock < count; clock++) {
    if (clock === 0) {
      encoding.writeUint8(e, 4) // a string, parent named below
      encoding.writeVarUint(e, 1)
      encoding.writeVarString(e, 'scratch')
    } else {
      encoding.writeUint8(e, 0x44) // a string, left of the previous insert
      encoding.writeVarUint(e, clientId)
      encoding.writeVarUint(e, clock - 1)
    }
    encoding.writeVarString(e, 'a')
  }
  encoding.writeVarUint(e, 0)
  return encoding.toUint8Array(e)
}

/**
 * `count` garbage-collected structs of one client: 2 bytes each on the wire, the most structs a
 * frame can carry, and each one an object Yjs builds when it decodes the update.
 */
function collectedStructs(count: number, clientId: number): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, 1)
  encoding.writeVarUint(e, count)
  encoding.writeVarUint(e, clientId)
  encoding.writeVarUint(e, 0)
  for (let i = 0; i < count; i++) {
    encoding.writeUint8(e, 0) // GC
    encoding.writeVarUint(e, 1)
  }
  encoding.writeVarUint(e, 0)
  return encoding.toUint8Array(e)
}

/** Milliseconds /healthz takes to answer right now. */
async function healthLatency(url: string): Promise<number> {
  const start = performance.now()
  const res = await fetch(`${url}/healthz`)
  expect(res.status).toBe(200)
  return performance.now() - start
}

describe('an update costs the server work bounded before it is decoded', () => {
  it('the hand-encoded updates are what Yjs would make of them', () => {
    const doc = new Y.Doc()
    Y.applyUpdate(doc, unmergeableInserts(5, 1))
    expect(doc.getText('scratch').toString()).toBe('aaaaa')
    expect(Y.decodeUpdate(Y.encodeStateAsUpdate(doc)).structs).toHaveLength(5)
    expect(Y.decodeUpdate(collectedStructs(7, 2)).structs).toHaveLength(7)
  })

  it('a first sync step 2 of 2M structs is refused 4400 unread; /healthz answers within 500 ms', async () => {
    const s = await server()
    const session = await createSession(s.url)
    // 4 MB: the frame's transport costs little next to what decoding 2M structs would.
    const update = collectedStructs(2_000_000, 1)
    const { metrics, storage } = s.app.context
    const seeded = await storage.logBytes(session.id, 'board')
    expect(update.byteLength).toBeLessThan(s.config.limits.maxFirstSyncBytes - 16)
    const attacker = await openRaw(s.syncUrl, session.id, 'board', session.tokens.candidate)
    onCleanup(() => attacker.ws.terminate())
    let closed = false
    void attacker.closed.then(() => (closed = true))
    attacker.send(syncStep1())
    await healthLatency(s.url) // the route's first answer warms it up: not what is measured
    attacker.send(syncStep2(update))
    // Asked again and again until the server has dealt with the frame (on the old code: 15 s of stall).
    const latencies: number[] = []
    const deadline = performance.now() + 15_000
    do latencies.push(await healthLatency(s.url))
    while (!closed && performance.now() < deadline)
    expect(Math.max(...latencies)).toBeLessThan(500)
    expect(await attacker.closed).toBe(CloseCode.malformed)
    expect(await counterValue(metrics.updatesRefused, 'reason', 'tooManyStructs')).toBe(1)
    expect(await storage.logBytes(session.id, 'board')).toBe(seeded)
  }, 60_000)

  it('values count one each: 30k entries pushed in one struct are refused before any is validated', async () => {
    const s = await server()
    const session = await createSession(s.url)
    const doc = new Y.Doc()
    boardRecordsArray(doc).push(Array.from({ length: 30_000 }, (_, i) => ({ key: `shape:${i}`, val: {} })))
    const update = Y.encodeStateAsUpdate(doc)
    expect(Y.decodeUpdate(update).structs).toHaveLength(1)
    const attacker = await openRaw(s.syncUrl, session.id, 'board', session.tokens.candidate)
    onCleanup(() => attacker.ws.terminate())
    attacker.send(syncStep1())
    attacker.send(syncStep2(update))
    expect(await attacker.closed).toBe(CloseCode.malformed)
    const { metrics } = s.app.context
    expect(await counterValue(metrics.updatesRefused, 'reason', 'tooManyStructs')).toBe(1)
    expect(await counterValue(metrics.updatesRefused, 'reason', 'invalidRecord')).toBe(0)
  })

  it('the first sync is charged to the connection: a big update right after it is refused 4429', async () => {
    const s = await server({ config: { limits: { maxUpdateStructs: 20_000, structsPerSecond: 1_000 } } })
    const session = await createSession(s.url)
    const attacker = await openRaw(s.syncUrl, session.id, 'board', session.tokens.candidate)
    onCleanup(() => attacker.ws.terminate())
    let closed = false
    void attacker.closed.then(() => (closed = true))
    attacker.send(syncStep1())
    // Each alone is within the per-update cap; together they pass the connection's budget
    // (20,000 units at once, 1,000 more each second).
    attacker.send(syncStep2(unmergeableInserts(15_000, 1)))
    attacker.send(syncUpdate(unmergeableInserts(15_000, 2)))
    await vi.waitFor(() => expect(closed).toBe(true), { timeout: 10_000 })
    expect(await attacker.closed).toBe(CloseCode.rateLimited)
    const stored = new Y.Doc()
    for (const part of storedParts(await s.app.context.storage.loadDoc(session.id, 'board')))
      Y.applyUpdate(stored, part)
    expect(stored.getText('scratch').length).toBe(15_000)
    expect(await counterValue(s.app.context.metrics.updatesRefused, 'reason', 'overBudget')).toBe(1)
  })

  it('an offline backlog of 8,000 scattered edits still syncs (the 60-minute benchmark board holds ~5,800)', async () => {
    const s = await server()
    const session = await createSession(s.url)
    const offline = client(s.syncUrl, session.id, 'board', session.tokens.candidate)
    const other = client(s.syncUrl, session.id, 'board', session.tokens.interviewer)
    await Promise.all([offline.synced, other.synced])
    offline.provider.disconnect()
    const text = offline.doc.getText('scratch')
    // Typed at the start each time: nothing merges, every edit is its own struct.
    for (let i = 0; i < 8_000; i++) text.insert(0, String(i % 10))
    offline.provider.connect()
    await vi.waitFor(() => expect(other.doc.getText('scratch').length).toBe(8_000), { timeout: 20_000 })
    expect(offline.provider.wsconnected).toBe(true)
  }, 40_000)
})
