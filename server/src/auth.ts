import { createHash, timingSafeEqual } from 'node:crypto'

import type { Role } from '@mockboard/shared'
import type { FastifyRequest } from 'fastify'

import { HttpError } from './errors.js'
import type { TokenClaims, TokenSigner } from './tokens.js'

/** Reads `Authorization: Bearer <token>`. */
export function bearer(request: FastifyRequest): string | null {
  const header = request.headers.authorization
  if (typeof header !== 'string') return null
  const match = /^Bearer\s+(\S+)$/i.exec(header)
  return match ? match[1]! : null
}

/** Which roles may use a route: one of the shared rules (`canReplay`, `accessFor`), never a literal list. */
export type RolePolicy = (role: Role) => boolean

/** Verifies a token for this session, or throws 401 (403 when `may` refuses the token's role). */
export function authorize(
  signer: TokenSigner,
  token: string | null,
  sessionId: string,
  may: RolePolicy = () => true,
): TokenClaims {
  if (!token) throw new HttpError(401, 'missing token: send Authorization: Bearer <token>')
  const claims = signer.verify(token)
  if (!claims || claims.sessionId !== sessionId)
    throw new HttpError(401, 'invalid or expired token for this session')
  if (!may(claims.role)) throw new HttpError(403, `role ${claims.role} may not do this`)
  return claims
}

/** Compares a presented secret with the expected one in constant time (hashed: lengths may differ). */
export function sameSecret(presented: string | null, expected: string): boolean {
  if (presented === null) return false
  const digest = (s: string) => createHash('sha256').update(s).digest()
  return timingSafeEqual(digest(presented), digest(expected))
}
