/** Voices are heard up to this speed (pitch kept); faster, speech is noise and they fall silent. */
export const MAX_AUDIBLE_SPEED = 2

/** While playing, drift past this (s) between the board's clock and the audio re-seeks the audio. */
const PLAYING_DRIFT = 0.25
/** While paused, the audio sits this close (s) to the playhead: a seek lands where the board is. */
const PAUSED_DRIFT = 0.03

export interface VoiceClock {
  /** The replay's instant, server epoch ms. */
  t: number
  playing: boolean
  speed: number
}

/**
 * Puts one take's `<audio>` where the replay's clock is. The board's clock leads (it drives the
 * diagram, jumps idle gaps, stops at marks); each audio element follows it: seeks when it drifts,
 * plays at the same rate with the pitch kept, and pauses outside its take or above 2×.
 */
export function syncVoice(audio: HTMLAudioElement, startedAt: number, durationMs: number, clock: VoiceClock) {
  const offset = (clock.t - startedAt) / 1000
  const inside = offset >= 0 && offset < durationMs / 1000
  const audible = clock.playing && inside && clock.speed <= MAX_AUDIBLE_SPEED
  audio.muted = clock.speed > MAX_AUDIBLE_SPEED
  audio.preservesPitch = true
  if (audible && audio.playbackRate !== clock.speed) audio.playbackRate = clock.speed
  const target = Math.min(Math.max(offset, 0), durationMs / 1000)
  if (audible) {
    if (Math.abs(audio.currentTime - target) > PLAYING_DRIFT) audio.currentTime = target
    if (audio.paused) audio.play().catch(() => {})
    return
  }
  if (!audio.paused) audio.pause()
  // Fast playback moves the playhead every frame: the audio catches up once it slows or stops,
  // rather than fetching a range per frame.
  if (clock.playing && clock.speed > MAX_AUDIBLE_SPEED) return
  if (Math.abs(audio.currentTime - target) > PAUSED_DRIFT) audio.currentTime = target
}
