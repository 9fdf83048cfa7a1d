/** Messages between the bench and its load-generator processes (over the fork IPC channel). */

export type ClientKind = 'y-websocket' | 'hocuspocus'

/** One room and the credential of each of its clients ('' where the server takes none). */
export interface SessionSpec {
  room: string
  tokens: string[]
}

export type ToWorker =
  | {
      type: 'init'
      clientKind: ClientKind
      /** Client i of a session connects to syncUrls[i % length] (two instances: sessions span both). */
      syncUrls: string[]
      sessions: SessionSpec[]
      rate: number
      /** Shapes each client moves in turn (see BenchOptions.shapes). */
      shapes: number
      /** Where records are written (see BenchOptions.layout). */
      layout: 'records' | 'map'
    }
  | { type: 'go'; warmupMs: number; durationMs: number; drainMs: number }

export interface WorkerResult {
  /** Fan-out latency in ms of every delivery of an update sent inside the window. */
  latencies: number[]
  /** Updates sent inside the window. */
  sent: number
  /** sent × (clients − 1): deliveries that should have happened. */
  expected: number
  /** Deliveries (of window updates) that arrived before the drain ended. */
  delivered: number
  /** Mean size in bytes of the Yjs updates this worker produced. */
  meanUpdateBytes: number
  /** Socket closes seen after setup (should be 0). */
  disconnects: number
}

export type FromWorker =
  | { type: 'ready'; connectMs: number }
  | { type: 'result'; result: WorkerResult }
  | { type: 'error'; message: string }
