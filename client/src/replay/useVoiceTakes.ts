import type { Recording } from '@mockboard/shared/http'
import { useEffect, useState } from 'react'

import type { SessionApi } from '../api/sessionApi'
import { createVoiceApi } from '../api/voiceApi'

/** A take the replay can place on the session's clock: it has audio and a server start time. */
export type VoiceTake = Recording & { startedAt: number }

const NONE: VoiceTake[] = []

/**
 * The session's recorded voices. Hearing them has its own rule (the interviewer; the others once
 * the report and replay are shared): when the server refuses or fails, the replay is silent.
 */
export function useVoiceTakes(api: SessionApi): VoiceTake[] {
  const [takes, setTakes] = useState<VoiceTake[]>(NONE)
  useEffect(() => {
    let live = true
    setTakes(NONE)
    createVoiceApi(api.sessionId, api.token)
      .recordings()
      .then(
        (list) => live && setTakes(list.filter((r): r is VoiceTake => r.startedAt !== null && r.bytes > 0)),
        () => live && setTakes(NONE),
      )
    return () => {
      live = false
    }
  }, [api])
  return takes
}
