import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

import { type App, buildApp } from '@mockboard/server'
import type { CreateSessionResponse, DocName, Role } from '@mockboard/shared'
import type { Logger } from 'pino'

import { type Config, type ConfigOverrides, loadConfig } from '../../server/src/config.js'

export const CLIENT_DIST = fileURLToPath(new URL('../../client/dist', import.meta.url))

export interface TestServer {
  app: App
  /** http://127.0.0.1:<port> */
  url: string
  /** ws://127.0.0.1:<port>/sync */
  syncUrl: string
  dataDir: string
  config: Config
  /** Closes the app; removes the data folder unless `keepData`. */
  close(options?: { keepData?: boolean }): Promise<void>
}

export interface StartOptions {
  dataDir?: string
  /** Per-address HTTP budgets are off unless a test sets them: tests create many sessions from one address. */
  config?: ConfigOverrides
  /** Serve client/dist (for browser tests). */
  serveClient?: boolean
  /** A logger of the test's own (to read what the server logs). */
  logger?: Logger
}

/** The server's room of a document, once a connection has loaded it (it loads after the socket opens). */
export async function loadedRoom(server: TestServer, sessionId: string, doc: DocName) {
  // Imported here: the benches import this module outside vitest.
  const { vi } = await import('vitest')
  return vi.waitFor(() => {
    const room = server.app.context.registry.peek(sessionId, doc)
    if (!room) throw new Error(`${sessionId}/${doc} is not loaded yet`)
    return room
  })
}

/** A real server on port 0 with its own SQLite file in a temp folder. */
export async function startServer(options: StartOptions = {}): Promise<TestServer> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'mockboard-test-'))
  const config = loadConfig(
    { LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent' },
    {
      port: 0,
      host: '127.0.0.1',
      dataDir,
      clientDist: options.serveClient ? CLIENT_DIST : null,
      ...options.config,
      http: { createPerMinute: 0, readsPerMinute: 0, ...options.config?.http },
    },
  )
  const app = await buildApp(config, { logger: options.logger })
  await app.fastify.listen({ port: 0, host: '127.0.0.1' })
  const address = app.fastify.server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  const url = `http://127.0.0.1:${port}`
  return {
    app,
    url,
    syncUrl: `ws://127.0.0.1:${port}/sync`,
    dataDir,
    config,
    close: async ({ keepData = false } = {}) => {
      await app.close()
      if (!keepData) rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

export interface CreatedSession {
  id: string
  tokens: Record<Role, string>
  links: CreateSessionResponse['links']
}

/** POST /api/sessions and pull each role's token out of its link. */
export async function createSession(
  baseUrl: string,
  body: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<CreatedSession> {
  const res = await fetch(`${baseUrl}/api/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  })
  if (res.status !== 201) throw new Error(`create session: ${res.status} ${await res.text()}`)
  const created = (await res.json()) as CreateSessionResponse
  const token = (link: string) => new URLSearchParams(link.split('#')[1]).get('token') as string
  return {
    id: created.id,
    links: created.links,
    tokens: {
      interviewer: token(created.links.interviewer),
      candidate: token(created.links.candidate),
      observer: token(created.links.observer),
    },
  }
}
