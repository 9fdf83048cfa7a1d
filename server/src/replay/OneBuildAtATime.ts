/**
 * Runs a body's build once at a time per key: a request arriving while the body is being built
 * waits for that build and then looks in the cache again, instead of building it too (16 readers
 * of a board nobody had built cost 16 builds).
 */
export class OneBuildAtATime {
  private readonly building = new Map<string, Promise<void>>()

  async run<T>(key: string, lookup: () => Promise<T | null>, build: () => Promise<T>): Promise<T> {
    for (;;) {
      const found = await lookup()
      if (found !== null) return found
      const pending = this.building.get(key)
      if (!pending) break
      await pending
    }
    let done!: () => void
    this.building.set(key, new Promise<void>((resolve) => (done = resolve)))
    try {
      return await build()
    } finally {
      this.building.delete(key)
      done()
    }
  }
}
