import { HttpError } from '../errors.js'

/** A write naming a session that is being (or was just) deleted: refused, nothing was stored. */
export class SessionDeletedError extends HttpError {
  constructor(readonly sessionId: string) {
    super(404, 'no such session')
  }
}

/**
 * How long a deleted session's writes stay refused. Any write started before the deletion has
 * settled long before; later ones come from requests that looked the session up just before it
 * went, which take milliseconds, not an hour.
 */
const REFUSE_FOR_MS = 60 * 60 * 1000

interface InFlight {
  count: number
  settled: Array<() => void>
}

/**
 * Sessions being deleted on this instance, and the writes naming each session that are still on
 * their way to storage. A deletion marks the session first (later writes are refused in memory,
 * never with a storage query), waits for the writes in flight, and only then removes its rows:
 * so no row naming it is left once the deletion answers.
 */
export class DeletedSessions {
  /** Session id → when it was marked; insertion order is time order, so expiry trims the front. */
  private readonly marked = new Map<string, number>()
  private readonly inFlight = new Map<string, InFlight>()

  constructor(private readonly refuseForMs = REFUSE_FOR_MS) {}

  has(sessionId: string): boolean {
    return this.marked.has(sessionId)
  }

  /** Refuses the session's writes from now on; resolves once those already started settled. */
  mark(sessionId: string, now = Date.now()): Promise<void> {
    for (const [id, at] of this.marked) {
      if (now - at < this.refuseForMs) break
      this.marked.delete(id)
    }
    this.marked.delete(sessionId)
    this.marked.set(sessionId, now)
    const pending = this.inFlight.get(sessionId)
    if (!pending) return Promise.resolve()
    return new Promise((resolve) => pending.settled.push(resolve))
  }

  /** Runs `write` unless the session is marked (then rejects with SessionDeletedError), counting it in flight. */
  write<T>(sessionId: string, write: () => Promise<T>): Promise<T> {
    if (this.marked.has(sessionId)) return Promise.reject(new SessionDeletedError(sessionId))
    let pending = this.inFlight.get(sessionId)
    if (!pending) this.inFlight.set(sessionId, (pending = { count: 0, settled: [] }))
    const tracked = pending
    tracked.count++
    const done = () => {
      if (--tracked.count > 0) return
      this.inFlight.delete(sessionId)
      for (const resolve of tracked.settled) resolve()
    }
    // Storage methods are async: they report failures by rejecting, never by throwing.
    const run = write()
    run.then(done, done)
    return run
  }
}
