import type { Role } from '@mockboard/shared'
import { useEffect, useMemo, useState } from 'react'
import type { WebsocketProvider } from 'y-websocket'

import { createVoiceApi } from '../api/voiceApi'
import { AudioMesh, VOICE_OFF, type VoiceState } from './AudioMesh'
import { openSignalChannel } from './signalChannel'
import type { Voice } from './VoiceContext'

export interface UseVoiceOptions {
  sessionId: string
  token: string
  role: Role
  /** The control document's provider: its authenticated socket carries the signalling. */
  control: WebsocketProvider | null
  /** The board presence id of this browser. */
  clientId: number | null
}

/** The session's audio mesh for as long as the page holds the control socket; off until "Join audio". */
export function useVoice({ sessionId, token, role, control, clientId }: UseVoiceOptions): Voice {
  const [voice, setVoice] = useState<{ mesh: AudioMesh; state: VoiceState } | null>(null)
  useEffect(() => {
    if (!control) return
    const channel = openSignalChannel(control)
    const api = createVoiceApi(sessionId, token)
    const mesh: AudioMesh = new AudioMesh({
      channel,
      role,
      clientId,
      loadIceServers: api.iceServers,
      onChange: (state) => setVoice({ mesh, state }),
    })
    setVoice({ mesh, state: mesh.current })
    return () => {
      mesh.destroy()
      channel.destroy()
      setVoice(null)
    }
  }, [control, sessionId, token, role, clientId])
  return useMemo(
    () => ({ mesh: voice?.mesh ?? null, state: voice?.state ?? VOICE_OFF, clientId }),
    [voice, clientId],
  )
}
