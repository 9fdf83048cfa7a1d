import { type Static, Type } from '@sinclair/typebox'

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
