import type { Role } from '../roles.js'

/**
 * Audio signalling, carried on the control document's socket as `[MessageType.signal, JSON]`.
 * The server stamps `from` and `role`, relays addressed messages only to their peer in the same
 * session, and refuses what a role may not say (an observer announcing a send track).
 */

/** A browser's audio id: chosen by the client so a reconnect keeps its peer connections. */
export const AUDIO_ID = /^[A-Za-z0-9_-]{8,64}$/

export interface IceCandidateInit {
  candidate: string
  sdpMid: string | null
  sdpMLineIndex: number | null
}

/** What a browser sends. */
export type ClientSignal =
  /** Joins the audio of the session; `send`: whether it will send its microphone. */
  | { t: 'join'; id: string; send: boolean; clientId: number | null }
  | { t: 'leave' }
  | { t: 'offer' | 'answer'; to: string; sdp: string }
  | { t: 'ice'; to: string; candidate: IceCandidateInit | null }
  | { t: 'state'; muted: boolean }

/** What the server relays, with the sender's id and verified role. */
export type ServerSignal =
  /** Someone joined: every member already there offers them a connection. */
  | { t: 'joined'; from: string; role: Role; send: boolean; clientId: number | null }
  /** Sent to a joiner, one per member already there (who will offer): who they are. */
  | { t: 'member'; from: string; role: Role; send: boolean; clientId: number | null; muted: boolean }
  | { t: 'left'; from: string }
  | { t: 'offer' | 'answer'; from: string; role: Role; sdp: string }
  | { t: 'ice'; from: string; candidate: IceCandidateInit | null }
  | { t: 'state'; from: string; muted: boolean }

const isString = (v: unknown, max: number): v is string => typeof v === 'string' && v.length <= max
const isId = (v: unknown): v is string => typeof v === 'string' && AUDIO_ID.test(v)

function candidateOf(v: unknown): IceCandidateInit | null | undefined {
  if (v === null) return null
  if (typeof v !== 'object') return undefined
  const c = v as Record<string, unknown>
  if (!isString(c.candidate, 2048)) return undefined
  const sdpMid = c.sdpMid === null || c.sdpMid === undefined ? null : c.sdpMid
  const index = c.sdpMLineIndex === null || c.sdpMLineIndex === undefined ? null : c.sdpMLineIndex
  if (sdpMid !== null && !isString(sdpMid, 64)) return undefined
  if (index !== null && !(Number.isInteger(index) && (index as number) >= 0 && (index as number) < 64))
    return undefined
  return { candidate: c.candidate, sdpMid, sdpMLineIndex: index as number | null }
}

/** The one reading of a client's signal: null when it is not one (the server closes the sender). */
export function parseClientSignal(text: string): ClientSignal | null {
  let v: unknown
  try {
    v = JSON.parse(text)
  } catch {
    return null
  }
  if (typeof v !== 'object' || v === null) return null
  const m = v as Record<string, unknown>
  switch (m.t) {
    case 'join': {
      const clientId = m.clientId ?? null
      if (!isId(m.id) || typeof m.send !== 'boolean') return null
      if (clientId !== null && !(Number.isInteger(clientId) && (clientId as number) >= 0)) return null
      return { t: 'join', id: m.id, send: m.send, clientId: clientId as number | null }
    }
    case 'leave':
      return { t: 'leave' }
    case 'offer':
    case 'answer':
      return isId(m.to) && typeof m.sdp === 'string' ? { t: m.t, to: m.to, sdp: m.sdp } : null
    case 'ice': {
      const candidate = candidateOf(m.candidate)
      return isId(m.to) && candidate !== undefined ? { t: 'ice', to: m.to, candidate } : null
    }
    case 'state':
      return typeof m.muted === 'boolean' ? { t: 'state', muted: m.muted } : null
    default:
      return null
  }
}

/**
 * Whether a session description may send media. Strict, because it is all that keeps an observer
 * silent: lines split on any of CRLF, LF or a lone CR; every media section that is not a data
 * channel (`m=application`) counts; and a section may send when ANY of its direction attributes
 * says `sendrecv` or `sendonly` (a later `a=sendrecv` must not hide behind an earlier `a=recvonly`),
 * or when it has none and the session level does not say `recvonly`/`inactive` alone: no direction
 * means `sendrecv` (RFC 4566 §6). A direction we do not know counts as sending.
 */
export function sdpMaySend(sdp: string): boolean {
  const sections: { media: boolean; directions: string[] }[] = [{ media: false, directions: [] }]
  for (const raw of sdp.split(/\r\n|\r|\n/)) {
    const line = raw.trim()
    if (/^m=/i.test(line)) sections.push({ media: !/^m=application(\s|$)/i.test(line), directions: [] })
    // The attribute's name, whatever follows it: `a=sendrecv junk` is still a sendrecv to a parser.
    const direction = /^a=((?:send|recv|inactive)[a-z]*)/i.exec(line)?.[1]
    if (direction) sections.at(-1)!.directions.push(direction.toLowerCase())
  }
  const sends = (directions: string[]) => directions.some((d) => d !== 'recvonly' && d !== 'inactive')
  const session = sections[0]!.directions
  const sessionSends = session.length === 0 || sends(session)
  return sections
    .slice(1)
    .some(
      (m) => m.media && (m.directions.length === 0 ? sessionSends : sends(m.directions) || sends(session)),
    )
}
