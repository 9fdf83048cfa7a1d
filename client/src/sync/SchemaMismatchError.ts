/** A board written by an incompatible (usually newer) Mockboard: we refuse rather than corrupt it. */
export class SchemaMismatchError extends Error {
  constructor(detail: string) {
    super(
      `This board was saved by an incompatible version of Mockboard (${detail}). Reload to update, or ask the host which version they run.`,
    )
    this.name = 'SchemaMismatchError'
  }
}
