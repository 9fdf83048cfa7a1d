import { parentPort } from 'node:worker_threads'

import { type DocTask, runDocTask } from './docTasks.js'
import type { DocWorkerReply } from './DocWorkerPool.js'

// One task at a time, as the pool sends them; a task that throws answers with its message.
parentPort?.on('message', ({ id, task }: { id: number; task: DocTask }) => {
  let reply: DocWorkerReply
  try {
    reply = { id, ok: true, result: runDocTask(task) }
  } catch (err) {
    reply = { id, ok: false, message: err instanceof Error ? err.message : String(err) }
  }
  parentPort?.postMessage(reply)
})
