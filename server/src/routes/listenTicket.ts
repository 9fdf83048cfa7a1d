import { timingSafeEqual } from 'node:crypto'

import { type Role, ROLES } from '@mockboard/shared'

import type { TokenClaims, TokenSigner } from '../tokens.js'

/** How long a ticket plays: a long replay, not a link to keep. */
const TICKET_SECONDS = 6 * 3600

/**
 * A ticket to hear one take: `<role>.<expiry>.<mac>` (`<role>.<expiry>.<key tag>.<mac>` when the
 * token it was issued to is a link a workspace listed), for the `?ticket=` of the audio route. The
 * replay plays takes in `<audio>` elements, which stream by ranges but cannot send the Bearer
 * header, and the invite token must never sit in a URL (it lives in the fragment, stripped on load).
 * The ticket opens one take only, expires with the token (or sooner), and carries the role so the
 * route applies the sharing rule again on every read: unsharing stops a ticket at once. It carries
 * the token's key tag too, so rotating the workspace key stops it like the token (`stillIssued`).
 */
export function signListenTicket(
  signer: TokenSigner,
  take: { sessionId: string; recordingId: string },
  claims: Pick<TokenClaims, 'role' | 'expiresAt' | 'keyTag'>,
  nowMs = Date.now(),
): string {
  const expiresAt = Math.min(claims.expiresAt, Math.floor(nowMs / 1000) + TICKET_SECONDS)
  const fields = [claims.role, expiresAt.toString(36)]
  if (claims.keyTag !== undefined) fields.push(claims.keyTag)
  return `${fields.join('.')}.${mac(signer, take, fields)}`
}

/** What a ticket was issued to, or null for anything forged, expired or for another take. */
export function verifyListenTicket(
  signer: TokenSigner,
  take: { sessionId: string; recordingId: string },
  ticket: string,
  nowMs = Date.now(),
): { role: Role; keyTag?: string } | null {
  const fields = ticket.split('.')
  if (fields.length !== 3 && fields.length !== 4) return null
  const given = fields.pop()!
  const [role, exp, keyTag] = fields as [string, string, string | undefined]
  if (!role || !exp || !given || !(ROLES as readonly string[]).includes(role)) return null
  const expected = Buffer.from(mac(signer, take, fields))
  const got = Buffer.from(given)
  if (got.length !== expected.length || !timingSafeEqual(got, expected)) return null
  if (parseInt(exp, 36) * 1000 <= nowMs) return null
  return keyTag === undefined ? { role: role as Role } : { role: role as Role, keyTag }
}

/** Over the take and every field before it (role, expiry, key tag): none can be swapped or dropped. */
const mac = (signer: TokenSigner, take: { sessionId: string; recordingId: string }, fields: string[]) =>
  signer.deriveId('listen', `${take.sessionId}:${take.recordingId}:${fields.join(':')}`)
