import { CloseCode } from '@mockboard/shared'
import * as encoding from 'lib0/encoding'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { WebSocket } from 'ws'

import { type CreatedSession, createSession, startServer, type TestServer } from '../helpers/server.js'
import { connectClient, type YClient } from '../helpers/yclient.js'

let s: TestServer
let victim: CreatedSession
let bystanderA: YClient
let bystanderB: YClient

beforeAll(async () => {
  s = await startServer({
    config: {
      limits: {
        maxMessageBytes: 1024 * 1024,
        messagesPerSecond: 300,
        bytesPerSecond: 2 * 1024 * 1024,
        maxSocketsPerSession: 6,
      },
    },
  })
  victim = await createSession(s.url)
  // Another session keeps syncing through everything below.
  const other = await createSession(s.url)
  bystanderA = connectClient(s.syncUrl, other.id, 'board', other.tokens.interviewer)
  bystanderB = connectClient(s.syncUrl, other.id, 'board', other.tokens.candidate)
  await Promise.all([bystanderA.synced, bystanderB.synced])
})

afterAll(async () => {
  bystanderA.destroy()
  bystanderB.destroy()
  await s.close()
})

let edits = 0
/** The other session still relays edits both ways. */
async function othersStillSync() {
  const n = ++edits
  bystanderA.doc.getMap('m').set('a', n)
  bystanderB.doc.getMap('m').set('b', n)
  await vi.waitFor(() => {
    expect(bystanderB.doc.getMap('m').get('a')).toBe(n)
    expect(bystanderA.doc.getMap('m').get('b')).toBe(n)
  })
}

/** Opens a raw socket as the candidate, sends `frames`, resolves with the close code (or 'open'). */
async function send(
  frames: (Uint8Array | string)[],
  options: { waitForClose?: boolean } = {},
): Promise<number | 'open'> {
  const ws = new WebSocket(`${s.syncUrl}/${victim.id}/board?token=${victim.tokens.candidate}`)
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)))
  await new Promise<void>((resolve, reject) => {
    ws.on('open', () => resolve())
    ws.on('error', reject)
  })
  for (const frame of frames) ws.send(frame, { binary: typeof frame !== 'string' })
  if (options.waitForClose === false) {
    // A well-formed probe after the frames: the server answers sync step 1 with step 2.
    const answered = new Promise<void>((resolve) => ws.on('message', () => resolve()))
    ws.send(syncStep1())
    const result = await Promise.race([answered.then(() => 'open' as const), closed])
    ws.close()
    return result
  }
  return closed
}

function syncStep1(): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, 0)
  encoding.writeVarUint(e, 0)
  encoding.writeVarUint8Array(e, new Uint8Array([0]))
  return encoding.toUint8Array(e)
}

/** Deterministic bytes so a failure can be replayed. */
function prng(seed: number) {
  return () => {
    seed = (seed * 1664525 + 1013904223) >>> 0
    return seed
  }
}

describe('hostile frames close only the offending socket', () => {
  it.each([
    ['a truncated varint', [new Uint8Array([0x80])]],
    ['an unknown message type', [new Uint8Array([0x07, 0x00])]],
    ['an unknown sync step', [new Uint8Array([0x00, 0x09, 0x00])]],
    ['a huge declared length', [new Uint8Array([0x00, 0x02, 0xff, 0xff, 0xff, 0xff, 0x0f, 1, 2, 3])]],
    ['an update that does not decode', [new Uint8Array([0x00, 0x02, 0x05, 0xff, 0xff, 0xff, 0xff, 0xff])]],
    ['a broken awareness update', [new Uint8Array([0x01, 0x03, 0x05, 0xff, 0xff])]],
  ])('%s closes with 4400', async (_name, frames) => {
    expect(await send(frames)).toBe(CloseCode.malformed)
    await othersStillSync()
  })

  it('a text frame closes with 1003', async () => {
    expect(await send(['{"hello":"world"}'])).toBe(CloseCode.unsupportedData)
    await othersStillSync()
  })

  it('a 2 MiB frame closes with 1009', async () => {
    expect(await send([new Uint8Array(2 * 1024 * 1024)])).toBe(CloseCode.messageTooBig)
    await othersStillSync()
  })

  it('a flood of frames closes with 4429', async () => {
    // Query-awareness: cheap to send, and (past the first) ignored rather than refused.
    const frames = Array.from({ length: 2000 }, () => new Uint8Array([3]))
    expect(await send(frames)).toBe(CloseCode.rateLimited)
    await othersStillSync()
  })

  it('random bytes never take the server down', async () => {
    const next = prng(42)
    const outcomes = new Map<string, number>()
    for (let round = 0; round < 60; round++) {
      const frame = new Uint8Array(1 + (next() % 300))
      for (let i = 0; i < frame.length; i++) frame[i] = next() & 0xff
      // Half the frames start like real sync/awareness messages so the fuzzing goes deeper.
      if (round % 2 === 0) frame[0] = round % 4 === 0 ? 0 : 1
      const outcome = String(await send([frame], { waitForClose: false }))
      outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1)
      expect(['open', String(CloseCode.malformed)]).toContain(outcome)
    }
    expect(outcomes.get(String(CloseCode.malformed)) ?? 0).toBeGreaterThan(0)
    await othersStillSync()
    const health = await s.app.fastify.inject({ url: '/healthz' })
    expect(health.statusCode).toBe(200)
  })

  it('refuses sockets past the per-session limit with 4409', async () => {
    // Earlier probes must have left first: they count against the same session.
    await vi.waitFor(() => expect(s.app.context.registry.peek(victim.id, 'board')).toBeUndefined())
    const open: WebSocket[] = []
    const codes: number[] = []
    for (let i = 0; i < 8; i++) {
      const ws = new WebSocket(`${s.syncUrl}/${victim.id}/board?token=${victim.tokens.observer}`)
      ws.on('close', (code) => codes.push(code))
      await new Promise<void>((resolve) => ws.on('open', () => resolve()))
      open.push(ws)
    }
    await vi.waitFor(() => expect(codes.filter((c) => c === CloseCode.sessionFull).length).toBe(2))
    expect(codes.length).toBe(2)
    for (const ws of open) ws.close()
    await othersStillSync()
  })
})
