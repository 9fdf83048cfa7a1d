import { type Static, Type } from '@sinclair/typebox'

import { PLAIN_LINE } from './plainLine.js'
import { RoleSchema } from './sessions.js'

/** One `RTCIceServer` as the browser takes it. */
export const IceServerSchema = Type.Object({
  urls: Type.Union([Type.String(), Type.Array(Type.String())]),
  username: Type.Optional(Type.String()),
  credential: Type.Optional(Type.String()),
})

/** `GET /api/sessions/:id/ice`: the ICE servers for this session's audio, TURN credentials included. */
export const IceResponse = Type.Object({
  iceServers: Type.Array(IceServerSchema),
  /** When the TURN credentials stop working (ms since epoch); null without TURN. */
  expiresAt: Type.Union([Type.Integer(), Type.Null()]),
})
export type IceResponse = Static<typeof IceResponse>

/** `POST /api/sessions/:id/recordings`: a participant agrees to record their own microphone. */
export const CreateRecordingBody = Type.Object(
  {
    /** The name they go by in the session (shown in the report). */
    participant: Type.String({ minLength: 1, maxLength: 80, pattern: PLAIN_LINE }),
    /** Must be `true`: nothing is recorded without the participant's explicit agreement. */
    consent: Type.Literal(true),
    mime: Type.String({ pattern: '^audio/(webm|ogg)(;\\s*codecs="?opus"?)?$', maxLength: 40 }),
  },
  { additionalProperties: false },
)
export type CreateRecordingBody = Static<typeof CreateRecordingBody>

export const CreateRecordingResponse = Type.Object({ id: Type.String() })
export type CreateRecordingResponse = Static<typeof CreateRecordingResponse>

export const RecordingParams = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 64 }),
  recordingId: Type.String({ pattern: '^[A-Za-z0-9_-]{16,32}$' }),
})
export type RecordingParams = Static<typeof RecordingParams>

/**
 * `POST …/recordings/:recordingId/chunks?index=&durationMs=&levels=`: where the chunk sits in the take
 * (index 0–99999) and how much audio it holds (0–60000 ms). Query numbers stay strings (no type
 * coercion): the pattern bounds them before Number() reads them.
 */
export const ChunkQuery = Type.Object(
  {
    index: Type.String({ pattern: '^(0|[1-9][0-9]{0,4})$' }),
    durationMs: Type.String({ pattern: '^(0|[1-9][0-9]{0,3}|[1-5][0-9]{4}|60000)$' }),
    /** Loudness every 100 ms, one digit each (voice/talk.ts): at most one per 100 ms of durationMs, plus slack. */
    levels: Type.Optional(Type.String({ pattern: '^[0-9]{0,610}$' })),
  },
  { additionalProperties: false },
)
export type ChunkQuery = Static<typeof ChunkQuery>

/** `GET …/recordings/:recordingId/audio?ticket=`: the ticket from the list's `audioUrl`, else the Bearer header. */
export const AudioQuery = Type.Object(
  {
    ticket: Type.Optional(
      // role.expiry[.key tag].mac: the key tag when the ticket was issued to a link a workspace listed.
      Type.String({
        pattern:
          '^(interviewer|candidate|observer)\\.[0-9a-z]{1,10}\\.([A-Za-z0-9_-]{11}\\.)?[A-Za-z0-9_-]{22}$',
      }),
    ),
  },
  { additionalProperties: false },
)
export type AudioQuery = Static<typeof AudioQuery>

export const RecordingSchema = Type.Object({
  id: Type.String(),
  participant: Type.String(),
  role: RoleSchema,
  mime: Type.String(),
  consentedAt: Type.Integer(),
  stoppedAt: Type.Union([Type.Integer(), Type.Null()]),
  /** Server time the audio began; null before its first chunk. */
  startedAt: Type.Union([Type.Integer(), Type.Null()]),
  durationMs: Type.Integer(),
  bytes: Type.Integer(),
  /**
   * Where an `<audio>` element streams the take from: the audio route with a ticket for this take
   * and this caller (an element cannot send the Bearer header), valid for a few hours.
   */
  audioUrl: Type.String(),
  /** When this voice was talking (server ms), from the levels uploaded with the chunks. */
  talk: Type.Array(Type.Tuple([Type.Integer(), Type.Integer()])),
})
export type Recording = Static<typeof RecordingSchema>

export const RecordingsResponse = Type.Array(RecordingSchema)
export type RecordingsResponse = Static<typeof RecordingsResponse>
