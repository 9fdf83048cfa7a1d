import { timingSafeEqual } from 'node:crypto'

import { type Role, ROLES } from '@mockboard/shared'

import type { TokenSigner } from '../tokens.js'

/** How long a ticket plays: a long replay, not a link to keep. */
const TICKET_SECONDS = 6 * 3600

/**
 * A ticket to hear one take: `<role>.<expiry>.<mac>`, for the `?ticket=` of the audio route. The
 * replay plays takes in `<audio>` elements, which stream by ranges but cannot send the Bearer
 * header, and the invite token must never sit in a URL (it lives in the fragment, stripped on load).
 * The ticket opens one take only, expires with the token (or sooner), and carries the role so the
 * route applies the sharing rule again on every read: unsharing stops a ticket at once.
 */
export function signListenTicket(
  signer: TokenSigner,
  take: { sessionId: string; recordingId: string },
  role: Role,
  tokenExpiresAt: number,
  nowMs = Date.now(),
): string {
  const expiresAt = Math.min(tokenExpiresAt, Math.floor(nowMs / 1000) + TICKET_SECONDS)
  const exp = expiresAt.toString(36)
  return `${role}.${exp}.${mac(signer, take, role, exp)}`
}

/** The role a ticket was issued to, or null for anything forged, expired or for another take. */
export function verifyListenTicket(
  signer: TokenSigner,
  take: { sessionId: string; recordingId: string },
  ticket: string,
  nowMs = Date.now(),
): Role | null {
  const [role, exp, given, ...rest] = ticket.split('.')
  if (rest.length || !role || !exp || !given || !(ROLES as readonly string[]).includes(role)) return null
  const expected = Buffer.from(mac(signer, take, role as Role, exp))
  const got = Buffer.from(given)
  if (got.length !== expected.length || !timingSafeEqual(got, expected)) return null
  if (parseInt(exp, 36) * 1000 <= nowMs) return null
  return role as Role
}

const mac = (
  signer: TokenSigner,
  take: { sessionId: string; recordingId: string },
  role: Role,
  exp: string,
) => signer.deriveId('listen', `${take.sessionId}:${take.recordingId}:${role}:${exp}`)
