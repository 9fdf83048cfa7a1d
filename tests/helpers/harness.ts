import {
  applyTimerAction,
  DEFAULT_PHASES,
  initialTimer,
  type Phase,
  readTimerState,
  type TimerAction,
  type TimerState,
  writeTimer,
} from '@mockboard/shared'
import { afterEach } from 'vitest'

import { type StartOptions, startServer, type TestServer } from './server.js'
import { connectClient, type YClient } from './yclient.js'

/** Servers, clients and anything else a test starts, all stopped after each test. */
export function useHarness() {
  const servers: TestServer[] = []
  const clients: YClient[] = []
  const cleanups: (() => unknown)[] = []
  afterEach(async () => {
    for (const fn of cleanups.splice(0).reverse()) await fn()
    for (const c of clients.splice(0)) c.destroy()
    // Latest first: a server started on an earlier one's data folder (a restart) must stop before
    // the earlier one's close removes that folder under it (ENOTEMPTY once in CI).
    for (const s of servers.splice(0).reverse()) await s.close()
  })
  return {
    servers,
    clients,
    async server(options?: StartOptions): Promise<TestServer> {
      const s = await startServer(options)
      servers.push(s)
      return s
    },
    client(...args: Parameters<typeof connectClient>): YClient {
      const c = connectClient(...args)
      clients.push(c)
      return c
    },
    onCleanup(fn: () => unknown): void {
      cleanups.push(fn)
    },
  }
}

/** Drives the timer as the interviewer's page does: new state and its event in one transaction. */
export function setTimer(
  control: YClient,
  action: TimerAction,
  plan: readonly Phase[] = DEFAULT_PHASES,
): TimerState {
  const current = readTimerState(control.doc) ?? initialTimer()
  const result = applyTimerAction(plan, current, action, Date.now())
  if (!result) throw new Error(`${action.type} does not apply`)
  writeTimer(control.doc, result.state, result.event)
  return result.state
}
