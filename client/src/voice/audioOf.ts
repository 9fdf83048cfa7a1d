import type { Voice } from './VoiceContext'

export interface ParticipantAudio {
  speaking: boolean
  muted: boolean
  /** In the audio without a microphone (an observer, or a refused microphone). */
  listening: boolean
}

/** A participant's audio as this browser knows it, by board presence id; null when not in the audio. */
export function audioOf(voice: Voice | null, clientId: number, isLocal: boolean): ParticipantAudio | null {
  if (!voice || voice.state.status !== 'on') return null
  if (isLocal)
    return { speaking: voice.state.speaking, muted: voice.state.muted, listening: !voice.state.sending }
  const member = voice.state.members.find((m) => m.clientId === clientId)
  if (!member) return null
  return {
    speaking: member.speaking && !member.muted,
    muted: member.muted,
    listening: member.role === 'observer',
  }
}
