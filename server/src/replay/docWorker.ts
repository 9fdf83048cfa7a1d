import { parentPort } from 'node:worker_threads'

import { setUpThisThread } from '../threadNames.js'
import { type DocTask, runDocTask } from './docTasks.js'
import type { DocWorkerReply } from './DocWorkerPool.js'
import { SqliteTimeline } from './SqliteTimeline.js'

/** One task at a time, as the pool sends them; a task that throws answers with its message. */
function serve(): void {
  setUpThisThread('docWorker')
  // This worker's own read-only SQLite connections, for history tasks.
  const timeline = new SqliteTimeline()
  parentPort?.on('message', ({ id, task }: { id: number; task: DocTask }) => {
    let reply: DocWorkerReply
    try {
      reply = { id, ok: true, result: runDocTask(task, timeline) }
    } catch (err) {
      reply = { id, ok: false, message: err instanceof Error ? err.message : String(err) }
    }
    parentPort?.postMessage(reply)
  })
  // The pool terminates its workers: nothing to close before that (read-only connections).
}

serve()
