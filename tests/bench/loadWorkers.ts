import { type ChildProcess, fork } from 'node:child_process'
import { fileURLToPath } from 'node:url'

import { track } from './children.js'
import type { BenchOptions } from './options.js'
import { pin, type Pinning } from './pinning.js'
import type { RunningServer, Target } from './targets.js'
import type { FromWorker, SessionSpec, ToWorker } from './workerProtocol.js'

const WORKER = fileURLToPath(new URL('./load-worker.ts', import.meta.url))

/** A load-generator process and its inbox. */
export interface Worker {
  child: ChildProcess
  next(type: FromWorker['type']): Promise<FromWorker>
}

export function startWorker(): Worker {
  const child = track(
    fork(WORKER, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }),
  )
  const inbox: FromWorker[] = []
  const waiters: Array<() => void> = []
  child.on('message', (m: FromWorker) => {
    inbox.push(m)
    waiters.splice(0).forEach((w) => w())
  })
  child.once('exit', () => waiters.splice(0).forEach((w) => w()))
  const next = async (type: FromWorker['type']): Promise<FromWorker> => {
    for (;;) {
      const found = inbox.find((m) => m.type === type || m.type === 'error')
      if (found) {
        if (found.type === 'error') throw new Error(`load worker failed: ${found.message}`)
        inbox.splice(inbox.indexOf(found), 1)
        return found
      }
      if (child.exitCode !== null || child.signalCode !== null)
        throw new Error(`load worker exited (${child.exitCode ?? child.signalCode}) before "${type}"`)
      await new Promise<void>((resolve) => waiters.push(resolve))
    }
  }
  return { child, next }
}

export const post = (worker: Worker, message: ToWorker) => worker.child.send(message)

type LoadInit = Omit<Extract<ToWorker, { type: 'init' }>, 'type' | 'sessions'>

/** What every load process is told about the server and the load, from the bench's options. */
export function loadInit(
  target: Pick<Target, 'clientKind'>,
  server: Pick<RunningServer, 'syncUrls'>,
  options: Pick<BenchOptions, 'rate' | 'shapes' | 'layout'>,
): LoadInit {
  const { rate, shapes, layout } = options
  return { clientKind: target.clientKind, syncUrls: server.syncUrls, rate, shapes, layout }
}

/**
 * Splits the sessions over `count` load processes (both clients of a session in one), pins each
 * to the load cores, and sends them their share; pushes them onto `workers` as they start, so
 * the caller's cleanup reaches every one even if a later start fails.
 */
export function startLoad(
  workers: Worker[],
  count: number,
  init: LoadInit,
  specs: SessionSpec[],
  pinning: Pinning | null,
): void {
  const shares: SessionSpec[][] = Array.from({ length: count }, () => [])
  specs.forEach((spec, i) => shares[i % count]!.push(spec))
  for (const share of shares) {
    const worker = startWorker()
    workers.push(worker)
    if (pinning) pin(worker.child.pid!, pinning.load)
    post(worker, { type: 'init', ...init, sessions: share })
  }
}
