import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import pino from 'pino'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'

import { DocWorkerPool } from '../../server/src/replay/DocWorkerPool.js'
import { createSqliteStorage } from '../../server/src/storage/sqlite.js'
import { THREAD_NAMES } from '../../server/src/threadNames.js'
import { threadSeconds } from '../bench/procStats.js'

const linux = process.platform === 'linux'

/** The names of this process's threads now, from /proc. */
const threadNames = () =>
  readdirSync('/proc/self/task').map((tid) => readFileSync(`/proc/self/task/${tid}/comm`, 'utf8').trim())

/** Resolves once a thread of this name exists (threads start asynchronously). */
async function named(name: string): Promise<void> {
  while (!threadNames().includes(name)) await new Promise((resolve) => setTimeout(resolve, 5))
}

describe.runIf(linux)('thread names', () => {
  const cleanup: Array<() => Promise<void> | void> = []
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step()
  })

  it('names the log writer and checkpointer threads, and the bench counts CPU by those names', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mockboard-threads-'))
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }))
    const storage = createSqliteStorage(join(dir, 'log.db'))
    cleanup.push(() => storage.close())
    await storage.createSession({
      id: 's1',
      title: 't',
      problem: 'p',
      problemId: null,
      phases: [],
      createdAt: 0,
      endedAt: null,
      reportShared: false,
      replayShared: false,
      workspaceId: null,
      candidate: '',
    })
    // A committed append: the writer's thread is up and has worked.
    await storage.appendUpdate('s1', 'board', new Uint8Array([0, 0]), 1)
    await named(THREAD_NAMES.checkpointer)
    expect(threadNames()).toContain(THREAD_NAMES.logWriter)
    const byName = threadSeconds(process.pid)
    expect([...byName.keys()]).toEqual(expect.arrayContaining(['main', THREAD_NAMES.logWriter]))
    expect(byName.get('main')).toBeGreaterThan(0)
  })

  it('names a document worker', async () => {
    const pool = new DocWorkerPool(1, pino({ level: 'silent' }))
    cleanup.push(() => pool.close())
    const doc = new Y.Doc()
    doc.getText('notes').insert(0, 'x'.repeat(256 * 1024)) // big enough to leave the event loop
    await pool.run({ type: 'merge', parts: [Y.encodeStateAsUpdate(doc)] })
    expect(pool.workers).toBe(1)
    expect(threadNames()).toContain(THREAD_NAMES.docWorker)
  })
})
