import { type PhaseSpan, type ReportTalk, talkByPhase, talkTracks } from '@mockboard/shared'

import { talkOf } from '../routes/talkOf.js'
import type { RecordingStorage } from '../storage/Recordings.js'

/**
 * The report's recorded-voice section: every take's consent (who agreed, when, when they stopped)
 * and each participant's share of talk per phase, from the levels stored with the chunks. Null
 * when nobody was recorded.
 */
export async function reportTalk(
  storage: Pick<RecordingStorage, 'listRecordings' | 'audioLevels'>,
  sessionId: string,
  phases: PhaseSpan[],
  now: number,
): Promise<ReportTalk | null> {
  const takes = await storage.listRecordings(sessionId)
  if (takes.length === 0) return null
  const talk = await talkOf(storage, sessionId, takes)
  const tracks = talkTracks(
    takes.map((t) => ({ participant: t.participant, role: t.role, spans: talk.get(t.id) ?? [] })),
  )
  return {
    consent: takes.map((t) => ({
      participant: t.participant,
      role: t.role,
      consentedAt: t.consentedAt,
      stoppedAt: t.stoppedAt,
    })),
    phases: talkByPhase(tracks, phases, now),
  }
}
