import { useEffect, useRef } from 'react'

import { MAX_AUDIBLE_SPEED, syncVoice, type VoiceClock } from './syncVoice'
import type { VoiceTake } from './useVoiceTakes'

/**
 * One `<audio>` per recorded take, streamed by byte ranges from the audio route, each following
 * the replay's clock (see syncVoice). Media elements rather than WebAudio: they stream and seek by
 * ranges instead of decoding whole takes into memory (an hour is ~700 MB of PCM), and they keep
 * the pitch at 2× (`preservesPitch`), which an AudioBufferSourceNode's playbackRate does not.
 */
export function VoicePlayers({ takes, clock }: { takes: VoiceTake[]; clock: VoiceClock }) {
  const elements = useRef(new Map<string, HTMLAudioElement>())
  const { t, playing, speed } = clock

  useEffect(() => {
    for (const take of takes) {
      const audio = elements.current.get(take.id)
      if (audio) syncVoice(audio, take.startedAt, take.durationMs, { t, playing, speed })
    }
  }, [takes, t, playing, speed])

  if (takes.length === 0) return null
  return (
    <div className="rp-voices" data-testid="replay-voices" data-t={Math.round(t)}>
      {takes.map((take) => (
        <audio
          key={take.id}
          ref={(el) => {
            if (el) elements.current.set(take.id, el)
            else elements.current.delete(take.id)
          }}
          src={take.audioUrl}
          preload="metadata"
          data-take={take.id}
          data-participant={take.participant}
          data-started-at={take.startedAt}
        />
      ))}
      <span className="rp-voices-status rp-muted" aria-live="polite">
        {speed > MAX_AUDIBLE_SPEED
          ? `Voices muted above ${MAX_AUDIBLE_SPEED}×`
          : `${takes.length} ${takes.length === 1 ? 'voice' : 'voices'}`}
      </span>
    </div>
  )
}
