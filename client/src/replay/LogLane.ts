import type { WorkerReply, WorkerRequest } from './segmentWorker'

/** The stretch of the log a lane's stream reads: from `from` until the segment reaching `until`. */
export interface Claim {
  from: number
  until: number
}

/**
 * One log worker (segmentWorker) and what the timeline has it doing: at most one request of the
 * page's in flight, and at most one stream (its claim: another lane leaves that stretch alone).
 */
export class LogLane {
  inFlight: { id: number; seq: number } | null = null
  claim: Claim | null = null
  /** The closing seq of the segment this lane built last (null: the live end, or none yet). */
  lastClosedBy: number | null = null
  /** Whether a segment of this lane's stream has arrived yet. */
  streamed = false
  private readonly worker: Worker

  constructor(
    worker: Worker,
    session: { sessionId: string; token: string },
    onReply: (reply: WorkerReply) => void,
    onFail: (err: Error) => void,
  ) {
    this.worker = worker
    worker.onmessage = (event: MessageEvent<WorkerReply>) => onReply(event.data)
    worker.onerror = (event) => {
      event.preventDefault()
      onFail(new Error(`replay worker failed: ${event.message}`))
    }
    this.send({ type: 'init', sessionId: session.sessionId, token: session.token })
  }

  send(msg: WorkerRequest): void {
    if (msg.type === 'load') {
      this.inFlight = { id: msg.id, seq: msg.seq }
      if (msg.stream) {
        this.claim = { from: msg.seq, until: msg.until ?? Number.POSITIVE_INFINITY }
        this.streamed = false
      }
    }
    this.worker.postMessage(msg)
  }

  /** Ends this lane's stream at the segment reaching `seq` (another lane reads on from there). */
  bound(seq: number): void {
    if (!this.claim || seq >= this.claim.until) return
    this.claim.until = seq
    this.send({ type: 'until', seq })
  }

  terminate(): void {
    this.worker.terminate()
    this.inFlight = null
    this.claim = null
  }
}
