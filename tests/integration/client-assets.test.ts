import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { brotliDecompress, gunzip } from 'node:zlib'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { ensureClientBuilt } from '../helpers/buildClient.js'
import { startServer, type TestServer } from '../helpers/server.js'

const ASSETS = fileURLToPath(new URL('../../client/dist/assets/', import.meta.url))
const unbrotli = promisify(brotliDecompress)
const ungzip = promisify(gunzip)

describe("the client's assets are sent compressed at build time", () => {
  let server: TestServer
  /** The largest script of the build: tldraw's chunk. */
  let largest: string

  beforeAll(async () => {
    ensureClientBuilt()
    server = await startServer({ serveClient: true })
    largest = readdirSync(ASSETS)
      .filter((name) => name.endsWith('.js'))
      .sort((a, b) => statSync(join(ASSETS, b)).size - statSync(join(ASSETS, a)).size)[0]!
  })
  afterAll(() => server?.close())

  const get = (name: string, encoding?: string) =>
    server.app.fastify.inject({
      url: `/assets/${name}`,
      headers: encoding ? { 'accept-encoding': encoding } : {},
    })

  it('sends brotli or gzip as accepted, the same bytes decoded, with the long cache kept', async () => {
    const plain = readFileSync(join(ASSETS, largest))
    for (const [accept, encoding, decode] of [
      ['gzip, deflate, br, zstd', 'br', unbrotli],
      ['gzip, deflate', 'gzip', ungzip],
    ] as const) {
      const res = await get(largest, accept)
      expect(res.statusCode).toBe(200)
      expect(res.headers['content-encoding']).toBe(encoding)
      expect(res.headers['content-type']).toMatch(/javascript/)
      expect(res.headers['vary']).toMatch(/accept-encoding/i)
      expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable')
      expect(res.rawPayload.byteLength).toBeLessThan(plain.byteLength / 3)
      expect(Buffer.from(await decode(res.rawPayload)).equals(plain)).toBe(true)
    }
    const identity = await get(largest)
    expect(identity.headers['content-encoding']).toBeUndefined()
    expect(identity.rawPayload.equals(plain)).toBe(true)
  })

  it('sends a font as it is: woff2 is compressed already', async () => {
    const font = readdirSync(ASSETS).find((name) => name.endsWith('.woff2'))!
    const res = await get(font, 'br')
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-encoding']).toBeUndefined()
    expect(res.rawPayload.equals(readFileSync(join(ASSETS, font)))).toBe(true)
  })

  it('sends /index.html as the app page, with its run-time config and not cached', async () => {
    const page = await server.app.fastify.inject({ url: '/' })
    const index = await server.app.fastify.inject({
      url: '/index.html',
      headers: { 'accept-encoding': 'br' },
    })
    expect(index.statusCode).toBe(200)
    expect(index.headers['cache-control']).toBe('no-cache')
    expect(index.headers['content-encoding']).toBeUndefined()
    expect(index.body).toContain('name="mockboard-config"')
    expect(index.body).toBe(page.body)
  })
})
