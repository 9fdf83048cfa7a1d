import type { BoardAtEnd } from '@mockboard/shared'

import type { BoardFrame } from './decodeFrames'

/** How long the final board waits for `/board` before the worker is asked to build it too. */
const WAIT_MS = 2_000

/**
 * The final board as the server reads it (GET /board, asked for as the page opened), kept for
 * the timeline until the segment holding it is read. Used only if its seq is the history's last
 * (`lastSeq`) and `wanted` says the segment is not read already. While the request is on its way,
 * for WAIT_MS at most (a server slow to build a large board), the worker is not asked to fetch
 * the same board (`holds`).
 */
export class FinalBoard {
  private board: { seq: number; frame: BoardFrame } | null = null
  private pending: boolean

  constructor(
    request: Promise<BoardAtEnd> | null | undefined,
    private readonly lastSeq: number,
    hooks: {
      /** Whether the board is still wanted (its segment is not read yet). */
      wanted(): boolean
      /** The board is in: waiting loads may be answered. */
      arrived(): void
      /** The request answered, failed or waited long enough: the worker may be asked now. */
      released(): void
    },
  ) {
    this.pending = Boolean(request)
    const release = () => {
      if (!this.pending) return
      this.pending = false
      hooks.released()
    }
    request
      ?.then(
        ({ seq, records, schema, notes }) => {
          if (seq !== this.lastSeq || !hooks.wanted()) return
          const frame: BoardFrame = {
            records: new Map(records.map(([id, record]) => [id, JSON.stringify(record)])),
            schema,
            notes,
          }
          this.board = { seq, frame }
          hooks.arrived()
        },
        // The worker fetches the same board, now that it is asked to.
        () => undefined,
      )
      .finally(release)
    if (request) setTimeout(release, WAIT_MS)
  }

  /** The board at `seq`, if it is the final board and it is in. */
  frame(seq: number): BoardFrame | null {
    return this.board?.seq === seq ? this.board.frame : null
  }

  /** Drops the board (the segment holding it is read). */
  forget(): void {
    this.board = null
  }

  /** Whether the worker should leave `seq` to the request still on its way. */
  holds(seq: number): boolean {
    return this.pending && seq === this.lastSeq
  }
}
