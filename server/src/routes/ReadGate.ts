import { HttpError } from '../errors.js'

/**
 * Bounds the replay and report reads running at once. Each one loads and encodes up to a whole
 * document, so without a gate N concurrent requests hold N documents in memory; with it, at most
 * `maxRunning` do, `maxWaiting` more queue, and the rest get 503 with Retry-After at once.
 */
export class ReadGate {
  private running = 0
  private readonly waiting: (() => void)[] = []

  constructor(
    private readonly maxRunning: number,
    private readonly maxWaiting: number,
  ) {}

  /** Reads waiting for a slot. */
  get queued(): number {
    return this.waiting.length
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= this.maxRunning) {
      if (this.waiting.length >= this.maxWaiting) {
        throw new HttpError(503, 'too many replay reads in progress: retry in a second', {
          'retry-after': '1',
        })
      }
      await new Promise<void>((resolve) => this.waiting.push(resolve))
    } else {
      this.running++
    }
    try {
      return await work()
    } finally {
      // Hand the slot straight to the next waiter (running stays the same), else free it.
      const next = this.waiting.shift()
      if (next) next()
      else this.running--
    }
  }
}
