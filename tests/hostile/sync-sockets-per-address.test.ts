import { randomBytes } from 'node:crypto'
import net from 'node:net'

import { CloseCode } from '@mockboard/shared'
import { describe, expect, it, vi } from 'vitest'
import { WebSocket } from 'ws'

import { useHarness } from '../helpers/harness.js'
import { counterValue } from '../helpers/metrics.js'
import { createSession } from '../helpers/server.js'

const { server, client, onCleanup } = useHarness()

/** Opens a sync WebSocket; resolves 'open' or the HTTP status the upgrade got instead. */
function attempt(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ ws: WebSocket; status: number }> {
  const ws = new WebSocket(url, { headers })
  onCleanup(() => ws.terminate())
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve({ ws, status: 101 }))
    ws.once('unexpected-response', (_req, res) => resolve({ ws, status: res.statusCode ?? 0 }))
    ws.once('error', reject)
  })
}

/**
 * A raw TCP upgrade that announces one binary frame of `frameBytes` and sends `sendBytes` of it,
 * as an attacker's script would (ws cannot send part of a frame). Collects what the server sends back.
 */
async function partialFrame(syncUrl: string, path: string, frameBytes: number, sendBytes: number) {
  const url = new URL(`${syncUrl}/${path}`)
  const sock = net.connect(Number(url.port), url.hostname)
  onCleanup(() => sock.destroy())
  let received = Buffer.alloc(0)
  const closed = new Promise<void>((resolve) => sock.once('close', () => resolve()))
  sock.on('error', () => {})
  sock.write(
    `GET ${url.pathname}${url.search} HTTP/1.1\r\nHost: ${url.host}\r\nUpgrade: websocket\r\n` +
      `Connection: Upgrade\r\nSec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\n` +
      'Sec-WebSocket-Version: 13\r\n\r\n',
  )
  sock.on('data', (d: Buffer) => (received = Buffer.concat([received, d])))
  await vi.waitFor(() => expect(received.includes('\r\n\r\n')).toBe(true))
  expect(received.toString('latin1')).toMatch(/^HTTP\/1\.1 101/)
  const header = Buffer.alloc(14)
  header[0] = 0x82 // FIN + binary
  header[1] = 0x80 | 127 // masked, 64-bit length
  header.writeBigUInt64BE(BigInt(frameBytes), 2)
  randomBytes(4).copy(header, 10)
  sock.write(header)
  sock.write(Buffer.alloc(sendBytes, 7))
  /** The close code of the server's close frame, once one arrived (server frames are unmasked). */
  const closeCode = () => {
    let at = received.indexOf('\r\n\r\n') + 4
    while (at + 2 <= received.length) {
      const short = received[at + 1]! & 0x7f
      const [length, start] =
        short === 126
          ? [received.readUInt16BE(at + 2), at + 4]
          : short === 127
            ? [Number(received.readBigUInt64BE(at + 2)), at + 10]
            : [short, at + 2]
      if ((received[at]! & 0x0f) === 0x8) return received.readUInt16BE(start)
      at = start + length
    }
    return null
  }
  return { sock, closed, closeCode }
}

describe('sync sockets per address', () => {
  it('refuses the upgrade past MOCKBOARD_MAX_SOCKETS_PER_ADDRESS with 429, and counts closed sockets out', async () => {
    const s = await server({ config: { limits: { maxSocketsPerAddress: 2 } } })
    const session = await createSession(s.url)
    const url = `${s.syncUrl}/${session.id}/board?token=${session.tokens.observer}`
    const first = await attempt(url)
    // A socket refused by admission (bad token) counts too, until its connection is gone.
    const second = await attempt(`${s.syncUrl}/${session.id}/board?token=forged`)
    expect([first.status, second.status]).toEqual([101, 101])
    expect((await attempt(url)).status).toBe(429)
    expect(await counterValue(s.app.context.metrics.closes, 'reason', 'addressFull')).toBe(1)
    first.ws.close()
    await vi.waitFor(async () => expect((await attempt(url)).status).toBe(101))
  })

  it('tells addresses apart by the first X-Forwarded-For hop only when MOCKBOARD_TRUST_PROXY says so', async () => {
    const trusting = await server({
      config: { limits: { maxSocketsPerAddress: 1 }, http: { trustProxy: true } },
    })
    const session = await createSession(trusting.url)
    const url = `${trusting.syncUrl}/${session.id}/board?token=${session.tokens.observer}`
    expect((await attempt(url, { 'x-forwarded-for': '203.0.113.1' })).status).toBe(101)
    expect((await attempt(url, { 'x-forwarded-for': '203.0.113.2' })).status).toBe(101)
    expect((await attempt(url, { 'x-forwarded-for': '203.0.113.2' })).status).toBe(429)

    const direct = await server({ config: { limits: { maxSocketsPerAddress: 1 } } })
    const other = await createSession(direct.url)
    const directUrl = `${direct.syncUrl}/${other.id}/board?token=${other.tokens.observer}`
    expect((await attempt(directUrl, { 'x-forwarded-for': '203.0.113.1' })).status).toBe(101)
    expect((await attempt(directUrl, { 'x-forwarded-for': '203.0.113.2' })).status).toBe(429)
  })
})

describe('frames still arriving', () => {
  it('drops a refused socket that goes on sending a big frame instead of holding it for 30 s', async () => {
    const s = await server()
    const attack = await partialFrame(
      s.syncUrl,
      'nosuchsession/board?token=garbage',
      15 * 2 ** 20,
      8 * 2 ** 20,
    )
    // Without the fix ws read the 8 MiB into memory and held it until its 30 s close timeout.
    await vi.waitFor(() => attack.closed, { timeout: 10_000 })
    expect(attack.closeCode()).toBe(CloseCode.badToken)
  })

  it('drops an admitted socket stalled in a big frame once the inbound budget is spent, 4503; others go on', async () => {
    const maxMessageBytes = 64 * 1024
    const s = await server({
      config: { limits: { maxInboundTotal: 2 ** 20, maxMessageBytes, maxFirstSyncBytes: 8 * 2 ** 20 } },
    })
    const session = await createSession(s.url)
    const path = `${session.id}/board?token=${session.tokens.candidate}`
    const attack = await partialFrame(s.syncUrl, path, 6 * 2 ** 20, 3 * 2 ** 20)
    await vi.waitFor(() => attack.closed, { timeout: 10_000 })
    expect(attack.closeCode()).toBe(CloseCode.serverFull)
    expect(await counterValue(s.app.context.metrics.closes, 'reason', 'inboundFull')).toBe(1)
    // The budget was given back: an ordinary client syncs and writes.
    const writer = client(s.syncUrl, session.id, 'board', session.tokens.interviewer)
    await writer.synced
    writer.doc.getText('t').insert(0, 'x'.repeat(50_000))
    const room = s.app.context.registry.peek(session.id, 'board')!
    await vi.waitFor(() => expect(room.doc.getText('t').length).toBe(50_000))
  })
})
