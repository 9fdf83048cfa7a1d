import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import type { Role } from '@mockboard/shared'
import pino from 'pino'
import { afterEach, describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'

import type { Fanout } from '../../server/src/fanout/Fanout.js'
import { FanoutBridge } from '../../server/src/fanout/FanoutBridge.js'
import { encodeFanout } from '../../server/src/fanout/messages.js'
import { createSqliteStorage } from '../../server/src/storage/sqlite.js'
import type { Storage } from '../../server/src/storage/Storage.js'

/** One channel's bus, in memory: what a test hands the bridge is what Redis would have delivered. */
function memoryBus() {
  let handler: ((m: Uint8Array) => void) | null = null
  const bus: Fanout = {
    publish: () => {},
    subscribe: async (_channel, h) => void (handler = h),
    unsubscribe: async () => void (handler = null),
    close: async () => {},
  }
  const hear = (seq: number, update: Uint8Array) =>
    handler?.(encodeFanout({ type: 'update', origin: 'other', seq, update }))
  return { bus, hear }
}

function edit(client: number, key: string): Uint8Array {
  const doc = new Y.Doc()
  doc.clientID = client
  doc.getMap('m').set(key, 1)
  return Y.encodeStateAsUpdate(doc)
}

let dir: string | null = null
let storage: Storage | null = null
afterEach(async () => {
  vi.useRealTimers()
  await storage?.close()
  if (dir) rmSync(dir, { recursive: true, force: true })
  storage = null
  dir = null
})

/** The log as another instance stored it: seqs 1..n, client i + 1 wrote seq i with its role. */
async function storedLog(n: number) {
  dir = mkdtempSync(join(tmpdir(), 'mockboard-catch-up-'))
  const s = createSqliteStorage(join(dir, 'db.sqlite'))
  storage = s
  const updates = Array.from({ length: n }, (_, i) => edit(i + 101, `k${i + 1}`))
  for (const [i, u] of updates.entries())
    await s.appendUpdate('s', 'board', u, 1_000 + i, [[i + 101, 'interviewer']])
  const reads: number[] = []
  const counted: Storage = {
    ...s,
    updatesAfter: (sessionId, doc, afterSeq) => (
      reads.push(afterSeq),
      s.updatesAfter(sessionId, doc, afterSeq)
    ),
  }
  return { storage: counted, updates, reads }
}

async function bridgeOn(storage: Storage, rolesAgree = true) {
  const { bus, hear } = memoryBus()
  const events: string[] = []
  const bridge = new FanoutBridge({
    bus,
    instanceId: 'here',
    sessionId: 's',
    doc: 'board',
    storage,
    logger: pino({ level: 'silent' }),
    onRemoteUpdate: (update) => {
      const doc = new Y.Doc()
      Y.applyUpdate(doc, update)
      events.push(`update ${[...doc.getMap('m').keys()].join()}`)
    },
    onRecordedRoles: (recorded: ReadonlyMap<number, Role>) => {
      events.push(`roles ${[...recorded].map(([c, r]) => `${c}:${r}`).join()}`)
      return rolesAgree
    },
    onRemoteAwareness: () => {},
    onRemoteSignal: () => {},
  })
  await bridge.open()
  bridge.loaded(0)
  return { bridge, hear, events }
}

describe('fan-out catch-up from storage', () => {
  it('reads a seq missing for the whole wait, with the roles first; not one heard late while another gap is open', async () => {
    const { storage, updates, reads } = await storedLog(6)
    vi.useFakeTimers()
    const { bridge, hear, events } = await bridgeOn(storage)
    hear(2, updates[1]!) // 1 is missing: the wait starts
    await vi.advanceTimersByTimeAsync(100)
    hear(1, updates[0]!)
    hear(4, updates[3]!) // 1 came; now 3 is missing
    await vi.advanceTimersByTimeAsync(200) // the first wait ends with a gap open, but not its own
    hear(3, updates[2]!)
    await vi.advanceTimersByTimeAsync(1_000)
    expect(reads).toEqual([])
    hear(6, updates[5]!) // 5 never comes
    await vi.advanceTimersByTimeAsync(250)
    await vi.waitFor(() => expect(events.at(-1)).toBe('update k5'))
    expect(reads).toEqual([4])
    expect(events.slice(-2)).toEqual([
      'roles 101:interviewer,102:interviewer,103:interviewer,104:interviewer,105:interviewer,106:interviewer',
      'update k5',
    ])
    await bridge.close()
  })

  it('starts the wait when an append of its own is stored past a seq it never heard', async () => {
    const { storage, updates, reads } = await storedLog(2)
    vi.useFakeTimers()
    const { bridge, events } = await bridgeOn(storage)
    bridge.stored(2, updates[1]!) // another instance's 1 was lost on the bus
    await vi.advanceTimersByTimeAsync(250)
    await vi.waitFor(() => expect(events.at(-1)).toBe('update k1'))
    expect(reads).toEqual([0])
    await bridge.close()
  })

  it('applies nothing when the room refuses the roles (it is dropped and reloads)', async () => {
    const { storage, updates } = await storedLog(2)
    vi.useFakeTimers()
    const { bridge, hear, events } = await bridgeOn(storage, false)
    hear(2, updates[1]!)
    await vi.advanceTimersByTimeAsync(250)
    await vi.waitFor(() => expect(events.at(-1)).toMatch(/^roles /))
    await vi.advanceTimersByTimeAsync(1_000)
    expect(events).toEqual(['update k2', 'roles 101:interviewer,102:interviewer'])
    await bridge.close()
  })

  it('tries again after a longer wait when storage fails to answer', async () => {
    const { storage, updates, reads } = await storedLog(2)
    let failures = 1
    const flaky: Storage = {
      ...storage,
      updatesAfter: (sessionId, doc, afterSeq) =>
        failures-- > 0
          ? (reads.push(afterSeq), Promise.reject(new Error('connection reset')))
          : storage.updatesAfter(sessionId, doc, afterSeq),
    }
    vi.useFakeTimers()
    const { bridge, hear, events } = await bridgeOn(flaky)
    hear(2, updates[1]!)
    await vi.advanceTimersByTimeAsync(250)
    expect(reads).toEqual([0])
    await vi.advanceTimersByTimeAsync(250)
    expect(reads).toEqual([0]) // twice the wait after a failure
    await vi.advanceTimersByTimeAsync(250)
    await vi.waitFor(() => expect(events.at(-1)).toBe('update k1'))
    expect(reads).toEqual([0, 0])
    await bridge.close()
  })
})
