import { readTimerState } from '@mockboard/shared'
import type { Logger } from 'pino'
import type * as Y from 'yjs'

import type { Fanout } from '../fanout/Fanout.js'
import type { Storage } from '../storage/Storage.js'

/** Where instances announce that a session ended. */
export const ENDED_CHANNEL = 'mockboard:ended'

export interface SessionLifecycleOptions {
  storage: Storage
  logger: Logger
  /** Other instances, if any: they hear of an end here and tell of theirs. */
  fanout: Fanout | null
}

/**
 * The one owner of "this session has ended" on this instance. It learns it from the session's
 * stored record (read once at admission), from the timer's end action in a control doc served here,
 * or from another instance over ENDED_CHANNEL; rooms ask it before each write. Once ended, every
 * document but `private` (the coach keeps scoring) refuses writes.
 */
export class SessionLifecycle {
  private readonly ended = new Set<string>()
  private readonly decoder = new TextDecoder()

  constructor(private readonly options: SessionLifecycleOptions) {}

  /** Starts hearing other instances' ends. */
  async start(): Promise<void> {
    await this.options.fanout?.subscribe(ENDED_CHANNEL, (message) =>
      this.ended.add(this.decoder.decode(message)),
    )
  }

  isEnded(sessionId: string): boolean {
    return this.ended.has(sessionId)
  }

  /** The session's stored record was read (admission): it may say the session ended earlier. */
  recorded(sessionId: string, endedAt: number | null): void {
    if (endedAt !== null) this.ended.add(sessionId)
  }

  /** The session was deleted: nothing to remember of it. */
  forget(sessionId: string): void {
    this.ended.delete(sessionId)
  }

  /**
   * A control doc served here changed. The interviewer ends a session by setting its timer to
   * `ended`: record that, and tell the other instances (they may serve the other documents).
   */
  controlChanged(sessionId: string, control: Y.Doc): void {
    if (this.ended.has(sessionId)) return
    const state = readTimerState(control)
    if (state?.status !== 'ended') return
    this.ended.add(sessionId)
    const { fanout, storage, logger } = this.options
    fanout?.publish(ENDED_CHANNEL, new TextEncoder().encode(sessionId))
    storage.updateSession(sessionId, { endedAt: state.endedAt ?? Date.now() }).catch((err) => {
      logger.error({ err, sessionId }, 'failed to record session end')
    })
  }
}
