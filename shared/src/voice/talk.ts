import type { Role } from '../roles.js'

/**
 * Talk activity. While it records, each browser measures its own microphone's loudness every
 * 100 ms and uploads it with the chunk as a string of digits (`levels`: 0 silent … 9 loud, on a
 * square-root scale of RMS). The server never decodes Opus: the talk lane and the report's talk
 * time come from these digits.
 */
export const LEVEL_STEP_MS = 100
/** Digit at and above which a voice counts as talking (RMS ≈ 0.02, as the live speaking meter). */
export const TALK_LEVEL = 3
/** Silences shorter than this inside speech (between words) do not split a talk span. */
const HOLD_MS = 500

/** RMS (0–1) to a level digit. */
export const levelDigit = (rms: number) => String(Math.min(9, Math.round(Math.sqrt(Math.max(0, rms)) * 20)))

/** A stretch of someone talking, server epoch ms. */
export type TalkSpan = [from: number, to: number]

/**
 * Where one take's voice was heard: its chunks in index order from the take's server start, each
 * chunk's levels spread over its duration (as the audio element plays them end to end).
 */
export function talkSpans(startedAt: number, chunks: { durationMs: number; levels: string }[]): TalkSpan[] {
  const spans: TalkSpan[] = []
  let chunkStart = startedAt
  for (const { durationMs, levels } of chunks) {
    const step = levels.length ? durationMs / levels.length : 0
    for (let i = 0; i < levels.length; i++) {
      if (Number(levels[i]) < TALK_LEVEL) continue
      const from = chunkStart + i * step
      const to = from + step
      const last = spans.at(-1)
      if (last && from - last[1] <= HOLD_MS) last[1] = to
      else spans.push([from, to])
    }
    chunkStart += durationMs
  }
  return spans.map(([a, b]) => [Math.round(a), Math.round(b)])
}

/** Milliseconds of `spans` inside [from, to). */
export function talkMsWithin(spans: TalkSpan[], from: number, to: number): number {
  let ms = 0
  for (const [a, b] of spans) ms += Math.max(0, Math.min(b, to) - Math.max(a, from))
  return ms
}

/** One participant's talk: every take of the same name and role together. */
export interface TalkTrack {
  participant: string
  role: Role
  spans: TalkSpan[]
}

/** In the report: who agreed to be recorded and when, and each participant's share of talk per phase. */
export interface ReportTalk {
  consent: { participant: string; role: Role; consentedAt: number; stoppedAt: number | null }[]
  phases: {
    index: number
    name: string
    /** Everyone's talk in the phase together, ms (overlaps counted for each speaker). */
    talkMs: number
    people: { participant: string; role: Role; talkMs: number; share: number }[]
  }[]
}

/** Shares of talk per phase span (`start`..`end`; a phase never reached has none). */
export function talkByPhase(
  tracks: TalkTrack[],
  phases: { index: number; name: string; start: number | null; end: number | null }[],
  now: number,
): ReportTalk['phases'] {
  return phases.map((p) => {
    const ms = tracks.map((t) => (p.start === null ? 0 : talkMsWithin(t.spans, p.start, p.end ?? now)))
    const total = ms.reduce((a, b) => a + b, 0)
    return {
      index: p.index,
      name: p.name,
      talkMs: total,
      people: tracks.map((t, i) => ({
        participant: t.participant,
        role: t.role,
        talkMs: ms[i]!,
        share: total === 0 ? 0 : ms[i]! / total,
      })),
    }
  })
}

/** Takes grouped into one track per participant (name and role), spans in time order. */
export function talkTracks(takes: { participant: string; role: Role; spans: TalkSpan[] }[]): TalkTrack[] {
  const byKey = new Map<string, TalkTrack>()
  for (const take of takes) {
    const key = `${take.role}\u0000${take.participant}`
    const track = byKey.get(key) ?? { participant: take.participant, role: take.role, spans: [] }
    track.spans.push(...take.spans)
    byKey.set(key, track)
  }
  for (const track of byKey.values()) track.spans.sort((a, b) => a[0] - b[0])
  return [...byKey.values()]
}
