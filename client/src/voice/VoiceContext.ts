import { createContext, useContext } from 'react'

import type { AudioMesh, VoiceState } from './AudioMesh'

export interface Voice {
  state: VoiceState
  mesh: AudioMesh | null
  /** The local board presence id (to mark our own row). */
  clientId: number | null
}

/** The session's audio, for the controls in the top bar and the indicators in the participant list. */
export const VoiceContext = createContext<Voice | null>(null)

export const useVoiceContext = (): Voice | null => useContext(VoiceContext)
