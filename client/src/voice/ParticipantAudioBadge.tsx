import { Headphones, Mic, MicOff } from 'lucide-react'

import { audioOf } from './audioOf'
import { useVoiceContext } from './VoiceContext'

/** A participant's audio in the list: speaking (lit), muted, listening only; nothing when not in the audio. */
export function ParticipantAudioBadge({
  clientId,
  isLocal,
  name,
}: {
  clientId: number
  isLocal: boolean
  name: string
}) {
  const audio = audioOf(useVoiceContext(), clientId, isLocal)
  if (!audio) return null
  const { speaking, muted, listening } = audio
  const label = listening ? 'listening' : muted ? 'muted' : speaking ? 'speaking' : 'in the audio'
  return (
    <span
      className={`mb-people__audio${speaking ? ' is-speaking' : ''}${muted ? ' is-muted' : ''}`}
      data-testid="audio-badge"
      data-speaking={speaking}
      data-muted={muted}
      role="img"
      aria-label={`${name}: ${label}`}
      title={label}
    >
      {listening ? <Headphones size={12} /> : muted ? <MicOff size={12} /> : <Mic size={12} />}
    </span>
  )
}
