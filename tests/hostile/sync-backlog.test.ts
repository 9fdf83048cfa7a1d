import { Writable } from 'node:stream'

import { CloseCode } from '@mockboard/shared'
import pino from 'pino'
import { describe, expect, it, vi } from 'vitest'

import { useHarness } from '../helpers/harness.js'
import { openRaw, syncStep1, syncUpdate } from '../helpers/rawSync.js'
import { createSession } from '../helpers/server.js'

const { server, client, onCleanup } = useHarness()

/** A pino logger whose lines land in an array, parsed. */
function capturingLogger() {
  const lines: { level: number; msg: string; err?: unknown }[] = []
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString().split('\n')) if (line) lines.push(JSON.parse(line))
      done()
    },
  })
  return { logger: pino({ level: 'info' }, stream), lines }
}

describe('frame size limits', () => {
  it('a 3 MB offline backlog syncs on reconnect: the first sync step 2 may pass the 1 MiB frame limit', async () => {
    const s = await server()
    const session = await createSession(s.url)
    const offline = client(s.syncUrl, session.id, 'board', session.tokens.candidate)
    const other = client(s.syncUrl, session.id, 'board', session.tokens.interviewer)
    await Promise.all([offline.synced, other.synced])
    offline.provider.disconnect()
    const text = offline.doc.getText('scratch')
    for (let i = 0; i < 30; i++) text.insert(text.length, String(i % 10).repeat(100_000))
    offline.provider.connect()
    await vi.waitFor(() => expect(other.doc.getText('scratch').length).toBe(3_000_000), { timeout: 20_000 })
    expect(offline.provider.wsconnected).toBe(true)
  }, 40_000)

  it('any other frame over 1 MiB still closes 1009', async () => {
    const s = await server()
    const session = await createSession(s.url)
    const raw = await openRaw(s.syncUrl, session.id, 'board', session.tokens.candidate)
    onCleanup(() => raw.ws.terminate())
    raw.send(syncStep1())
    raw.send(syncUpdate(new Uint8Array(1_200_000)))
    expect(await raw.closed).toBe(CloseCode.messageTooBig)
  })

  it('an oversized frame is logged once, at warn, without a stack', async () => {
    const { logger, lines } = capturingLogger()
    const s = await server({ logger })
    const session = await createSession(s.url)
    for (const size of [2 * 1024 * 1024, 20 * 1024 * 1024]) {
      const raw = await openRaw(s.syncUrl, session.id, 'board', session.tokens.candidate)
      onCleanup(() => raw.ws.terminate())
      raw.send(syncStep1())
      raw.send(syncUpdate(new Uint8Array(size)))
      raw.send(syncUpdate(new Uint8Array(size)))
      expect(await raw.closed).toBe(CloseCode.messageTooBig)
    }
    await vi.waitFor(() => expect(lines.filter((l) => l.msg.includes('size limit'))).toHaveLength(2))
    const about = lines.filter((l) => l.level >= 40 && !l.msg.includes('client build'))
    expect(about.every((l) => l.level === 40 && l.err === undefined)).toBe(true)
  })
})
