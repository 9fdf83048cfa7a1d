import { describe, expect, it } from 'vitest'

import type { Storage } from '../../server/src/storage/Storage.js'
import { useHarness } from '../helpers/harness.js'
import { api, chunk, take } from '../helpers/recordingsApi.js'
import { createSession } from '../helpers/server.js'

const { server } = useHarness()

const CHUNK = 64 * 1024
const CHUNKS = 24

/**
 * Counts the audio bytes the real storage hands the server, whatever method the route uses:
 * every chunk-like `{ data: Uint8Array }` in what a storage call returns.
 */
function countAudioRead(storage: Storage): { bytes: number } {
  const read = { bytes: 0 }
  const target = storage as unknown as Record<string, unknown>
  // Own methods and the class's: the store may be either.
  const keys = new Set<string>()
  for (
    let o: object | null = storage;
    o && o !== Object.prototype;
    o = Object.getPrototypeOf(o) as object | null
  )
    for (const key of Object.getOwnPropertyNames(o)) if (key !== 'constructor') keys.add(key)
  for (const key of keys) {
    const method = target[key]
    if (typeof method !== 'function') continue
    target[key] = async (...args: unknown[]) => {
      const result: unknown = await (method as (...a: unknown[]) => Promise<unknown>).apply(storage, args)
      for (const item of Array.isArray(result) ? result : [result])
        if (item && typeof item === 'object' && (item as { data?: unknown }).data instanceof Uint8Array)
          read.bytes += (item as { data: Uint8Array }).data.byteLength
      return result
    }
  }
  return read
}

describe('ranged audio reads (hostile finding 3: a seek read the whole take on the event loop)', () => {
  it('reads only the chunks a range covers, and streams a whole take chunk by chunk', async () => {
    const s = await server()
    const session = await createSession(s.url)
    const a = api(s, session)
    const { candidate, interviewer } = session.tokens
    const id = await take(a, candidate)
    for (let i = 0; i < CHUNKS; i++)
      expect((await a.upload(candidate, id, i, chunk(i, CHUNK))).status).toBe(201)
    const read = countAudioRead(s.app.context.storage)
    // The counter sees reads at all (else every bound below holds trivially).
    await a.audio(interviewer, id, 'bytes=0-0')
    expect(read.bytes).toBeGreaterThan(0)
    const ranged = async (range: string) => {
      read.bytes = 0
      const res = await a.audio(interviewer, id, range)
      expect(res.status).toBe(206)
      return { body: [...new Uint8Array(await res.arrayBuffer())], read: read.bytes, res }
    }

    const head = await ranged('bytes=0-99')
    expect(head.body).toEqual(new Array(100).fill(0))
    expect(head.read).toBeLessThanOrEqual(CHUNK)

    const tail = await ranged('bytes=-100')
    expect(tail.body).toEqual(new Array(100).fill(CHUNKS - 1))
    expect(tail.res.headers.get('content-range')).toBe(
      `bytes ${CHUNKS * CHUNK - 100}-${CHUNKS * CHUNK - 1}/${CHUNKS * CHUNK}`,
    )
    expect(tail.read).toBeLessThanOrEqual(CHUNK)

    // Across a chunk boundary in the middle: the two chunks either side, nothing else.
    const seam = 10 * CHUNK
    const middle = await ranged(`bytes=${seam - 6}-${seam + 9}`)
    expect(middle.body).toEqual([...new Array(6).fill(9), ...new Array(10).fill(10)])
    expect(middle.read).toBeLessThanOrEqual(2 * CHUNK)

    // The rest of the take from a seek point (what an <audio> element asks): right bytes, right length.
    const rest = await ranged(`bytes=${seam + 5}-`)
    expect(rest.res.headers.get('content-length')).toBe(String(CHUNKS * CHUNK - seam - 5))
    expect(rest.body).toHaveLength(CHUNKS * CHUNK - seam - 5)
    expect(rest.body[0]).toBe(10)
    expect(rest.body.at(-1)).toBe(CHUNKS - 1)
    expect(rest.read).toBeLessThanOrEqual((CHUNKS - 10) * CHUNK)

    read.bytes = 0
    const whole = await a.audio(interviewer, id)
    expect(whole.status).toBe(200)
    const bytes = new Uint8Array(await whole.arrayBuffer())
    expect(bytes.byteLength).toBe(CHUNKS * CHUNK)
    expect([bytes[0], bytes[5 * CHUNK], bytes[CHUNKS * CHUNK - 1]]).toEqual([0, 5, CHUNKS - 1])
  })
})
