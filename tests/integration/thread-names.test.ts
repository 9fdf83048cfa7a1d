import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import pino from 'pino'
import { afterEach, describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'

import { DocWorkerPool } from '../../server/src/replay/DocWorkerPool.js'
import { createSqliteStorage } from '../../server/src/storage/sqlite.js'
import { THREAD_NAMES, THREAD_NICE } from '../../server/src/threadNames.js'
import { threads } from '../bench/procStats.js'

const linux = process.platform === 'linux'

/** Threads of this process with that name now (the bench's own reading of /proc). */
const count = (name: string) => threads(process.pid).filter((t) => t.name === name).length

/** The nice values of this process's threads with that name (field 19 of their stat). */
const niceOf = (name: string) =>
  threads(process.pid)
    .filter((t) => t.name === name)
    .map((t) => {
      const stat = readFileSync(`/proc/${process.pid}/task/${t.tid}/stat`, 'utf8')
      return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16])
    })

describe.runIf(linux)('thread names', () => {
  const cleanup: Array<() => Promise<void> | void> = []
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step()
  })

  it("names the log writer and checkpointer threads, lowers the checkpointer's priority, and the bench reads them by those names", async () => {
    // Earlier test files share this process: their threads may still be here.
    const writers = count(THREAD_NAMES.logWriter)
    const checkpointers = count(THREAD_NAMES.checkpointer)
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
    // An append loaded into SQLite: the loader's thread is up and has worked.
    await storage.appendUpdate('s1', 'board', new Uint8Array([0, 0]), 1)
    await storage.settle('s1')
    expect(count(THREAD_NAMES.logWriter)).toBe(writers + 1)
    // The checkpointer names itself once its thread has started.
    await vi.waitFor(() => expect(count(THREAD_NAMES.checkpointer)).toBe(checkpointers + 1), {
      timeout: 10_000,
      interval: 5,
    })
    expect(threads(process.pid).find((t) => t.name === 'main')?.tid).toBe(process.pid)
    // Background work yields the core to the event loop, which keeps its own priority (whatever
    // this process runs at: a thread is never raised above it).
    const [own] = niceOf('main')
    expect(new Set(niceOf(THREAD_NAMES.logWriter))).toEqual(new Set([Math.max(own!, THREAD_NICE.logWriter)]))
    expect(new Set(niceOf(THREAD_NAMES.checkpointer))).toEqual(
      new Set([Math.max(own!, THREAD_NICE.checkpointer)]),
    )
    expect(THREAD_NICE.checkpointer).toBeGreaterThan(THREAD_NICE.logWriter)
  })

  it('names a document worker, which keeps the loop’s priority (someone waits for every read)', async () => {
    const before = count(THREAD_NAMES.docWorker)
    const pool = new DocWorkerPool(1, pino({ level: 'silent' }))
    cleanup.push(() => pool.close())
    const doc = new Y.Doc()
    doc.getText('notes').insert(0, 'x'.repeat(256 * 1024)) // big enough to leave the event loop
    await pool.run({ type: 'merge', parts: [Y.encodeStateAsUpdate(doc)] })
    expect(pool.workers).toBe(1)
    expect(count(THREAD_NAMES.docWorker)).toBe(before + 1)
    const [own] = niceOf('main')
    // A nice value counts against every process of the machine: a busy neighbour would starve reads.
    expect(new Set(niceOf(THREAD_NAMES.docWorker))).toEqual(new Set([own]))
  })
})
