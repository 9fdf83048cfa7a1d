import { CloseCode, MessageType, type ServerSignal } from '@mockboard/shared'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { describe, expect, it, vi } from 'vitest'

import { useHarness } from '../helpers/harness.js'
import { openRaw, type RawSync } from '../helpers/rawSync.js'
import { type CreatedSession, createSession, type TestServer } from '../helpers/server.js'

const { server, onCleanup } = useHarness()

function signal(value: unknown): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, MessageType.signal)
  encoding.writeVarString(e, typeof value === 'string' ? value : JSON.stringify(value))
  return encoding.toUint8Array(e)
}

/** The audio signals a socket received so far. */
function signals(raw: RawSync): ServerSignal[] {
  return raw.frames
    .filter((f) => f[0] === MessageType.signal)
    .map((f) => {
      const d = decoding.createDecoder(new Uint8Array(f.buffer, f.byteOffset, f.byteLength))
      decoding.readVarUint(d)
      return JSON.parse(decoding.readVarString(d)) as ServerSignal
    })
}

const SENDING =
  'v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=sendrecv\r\n'
const LISTENING = SENDING.replace('a=sendrecv', 'a=recvonly')
/** No direction attribute at all: sendrecv by default (RFC 4566). */
const IMPLICIT = SENDING.replace('a=sendrecv\r\n', '')
/** Last round's bypasses: a sendrecv after a recvonly in the same section, and CR-only lines. */
const SHADOWED = SENDING.replace('a=sendrecv', 'a=recvonly\r\na=sendrecv')
const CR_ONLY = SENDING.replaceAll('\r\n', '\r')

async function open(
  s: TestServer,
  session: CreatedSession,
  role: keyof CreatedSession['tokens'],
  doc = 'control',
) {
  const raw = await openRaw(s.syncUrl, session.id, doc as 'control', session.tokens[role])
  onCleanup(() => raw.ws.terminate())
  return raw
}

describe('audio signalling on the control socket', () => {
  it('announces joins to members only and relays an offer only to the addressed peer', async () => {
    const s = await server()
    const session = await createSession(s.url)
    const [coach, cand, watcher, bystander] = await Promise.all([
      open(s, session, 'interviewer'),
      open(s, session, 'candidate'),
      open(s, session, 'observer'),
      open(s, session, 'candidate'),
    ])
    coach.send(signal({ t: 'join', id: 'coach-0001', send: true, clientId: 7 }))
    cand.send(signal({ t: 'join', id: 'cand-00001', send: true, clientId: null }))
    watcher.send(signal({ t: 'join', id: 'watch-0001', send: false, clientId: null }))
    await vi.waitFor(() =>
      expect(signals(coach).map((m) => m.t === 'joined' && m.from)).toEqual(['cand-00001', 'watch-0001']),
    )
    const joined = signals(coach).find((m) => m.t === 'joined' && m.from === 'watch-0001')
    // The role comes from the verified token, not from what the client says.
    expect(joined).toMatchObject({ role: 'observer', send: false })

    coach.send(signal({ t: 'offer', to: 'cand-00001', sdp: SENDING }))
    coach.send(signal({ t: 'ice', to: 'cand-00001', candidate: null }))
    await vi.waitFor(() => expect(signals(cand).filter((m) => m.t === 'ice')).toHaveLength(1))
    expect(signals(cand).find((m) => m.t === 'offer')).toEqual({
      t: 'offer',
      from: 'coach-0001',
      role: 'interviewer',
      sdp: SENDING,
    })
    expect(signals(watcher).some((m) => m.t === 'offer' || m.t === 'ice')).toBe(false)
    // A socket that never joined hears nothing of the audio.
    expect(signals(bystander)).toEqual([])

    cand.ws.close()
    await vi.waitFor(() => expect(signals(coach).at(-1)).toEqual({ t: 'left', from: 'cand-00001' }))
  })

  it('lets an observer answer recvonly but closes it when it announces a send track', async () => {
    const s = await server()
    const session = await createSession(s.url)
    const coach = await open(s, session, 'interviewer')
    coach.send(signal({ t: 'join', id: 'coach-0001', send: true, clientId: null }))
    const listener = await open(s, session, 'observer')
    listener.send(signal({ t: 'join', id: 'watch-0001', send: false, clientId: null }))
    listener.send(signal({ t: 'answer', to: 'coach-0001', sdp: LISTENING }))
    await vi.waitFor(() => expect(signals(coach).some((m) => m.t === 'answer')).toBe(true))

    for (const sdp of [SENDING, IMPLICIT, SHADOWED, CR_ONLY]) {
      const sneaky = await open(s, session, 'observer')
      sneaky.send(signal({ t: 'join', id: 'sneak-0001', send: false, clientId: null }))
      sneaky.send(signal({ t: 'offer', to: 'coach-0001', sdp }))
      expect(await sneaky.closed).toBe(CloseCode.badSignal)
    }
    const loud = await open(s, session, 'observer')
    loud.send(signal({ t: 'join', id: 'loud-00001', send: true, clientId: null }))
    expect(await loud.closed).toBe(CloseCode.badSignal)
    expect(signals(coach).filter((m) => m.t === 'offer')).toEqual([])
  })

  it('closes on a malformed signal, a signal on another document, an oversized one, and a flood', async () => {
    const s = await server({ config: { voice: { maxSignalBytes: 4096, signalsPerSecond: 2 } } })
    const session = await createSession(s.url)
    const garbled = await open(s, session, 'candidate')
    garbled.send(signal('{"t":"offer","to":'))
    expect(await garbled.closed).toBe(CloseCode.badSignal)

    const board = await open(s, session, 'candidate', 'board')
    board.send(signal({ t: 'join', id: 'cand-00001', send: true, clientId: null }))
    expect(await board.closed).toBe(CloseCode.badSignal)

    const big = await open(s, session, 'candidate')
    big.send(signal({ t: 'join', id: 'cand-00001', send: true, clientId: null }))
    big.send(signal({ t: 'offer', to: 'coach-0001', sdp: 'a'.repeat(5000) }))
    expect(await big.closed).toBe(CloseCode.badSignal)

    const flood = await open(s, session, 'candidate')
    for (let i = 0; i < 30; i++) flood.send(signal({ t: 'state', muted: i % 2 === 0 }))
    expect(await flood.closed).toBe(CloseCode.rateLimited)
  })

  it("refuses a join with another role's audio id (4422): an observer cannot take over the interviewer", async () => {
    const s = await server()
    const session = await createSession(s.url)
    const [coach, cand, watcher] = await Promise.all([
      open(s, session, 'interviewer'),
      open(s, session, 'candidate'),
      open(s, session, 'observer'),
    ])
    coach.send(signal({ t: 'join', id: 'coach-0001', send: true, clientId: 7 }))
    cand.send(signal({ t: 'join', id: 'cand-00001', send: true, clientId: null }))
    await vi.waitFor(() =>
      expect(
        signals(cand).some((m) => (m.t === 'joined' || m.t === 'member') && m.from === 'coach-0001'),
      ).toBe(true),
    )
    watcher.send(signal({ t: 'join', id: 'coach-0001', send: false, clientId: null }))
    expect(await watcher.closed).toBe(CloseCode.badSignal)
    // The candidate's offer still reaches the interviewer.
    cand.send(signal({ t: 'offer', to: 'coach-0001', sdp: LISTENING }))
    await vi.waitFor(() =>
      expect(signals(coach).some((m) => m.t === 'offer' && m.from === 'cand-00001')).toBe(true),
    )
  })
})
