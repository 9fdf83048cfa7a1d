import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

import { type Role, ROLES } from '@mockboard/shared'

/** What a valid invite token grants. */
export interface TokenClaims {
  sessionId: string
  role: Role
  /** Expiry, epoch seconds. */
  expiresAt: number
  /**
   * Set on an interviewer link a coach workspace listed: a tag of the workspace key it was listed
   * under (`workspaceKeyTag`). It opens the session only while that key is the workspace's, so
   * rotating a leaked key also revokes the links listed with it.
   */
  keyTag?: string
}

const ROLE_CODE: Record<Role, string> = { interviewer: 'i', candidate: 'c', observer: 'o' }
const CODE_ROLE = new Map(ROLES.map((r) => [ROLE_CODE[r], r]))

/**
 * Signs and verifies invite tokens: `<session>.<role>.<expiry>.<hmac>`, or
 * `<session>.<role>.<expiry>.<key tag>.<hmac>` when listed by a workspace. Compact enough for a
 * URL fragment; the HMAC covers every field so none can be swapped or dropped.
 */
export class TokenSigner {
  constructor(private readonly secret: Buffer) {}

  sign(claims: TokenClaims): string {
    const fields = [claims.sessionId, ROLE_CODE[claims.role], claims.expiresAt.toString(36)]
    if (claims.keyTag !== undefined) fields.push(claims.keyTag)
    const body = fields.join('.')
    return `${body}.${this.mac(body)}`
  }

  /** Returns the claims, or null for anything forged, malformed or expired. */
  verify(token: string | undefined | null, nowMs = Date.now()): TokenClaims | null {
    if (typeof token !== 'string' || token.length > 200) return null
    const parts = token.split('.')
    if (parts.length !== 4 && parts.length !== 5) return null
    const sig = parts.pop()!
    const expected = Buffer.from(this.mac(parts.join('.')))
    const given = Buffer.from(sig)
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null
    const [sessionId, code, exp, keyTag] = parts as [string, string, string, string | undefined]
    const role = CODE_ROLE.get(code)
    const expiresAt = parseInt(exp, 36)
    if (!role || !Number.isFinite(expiresAt) || expiresAt * 1000 <= nowMs) return null
    return keyTag === undefined ? { sessionId, role, expiresAt } : { sessionId, role, expiresAt, keyTag }
  }

  /**
   * An unguessable id derived from `input` (128 bits of HMAC under the server secret, same shape as
   * newSessionId): everyone asking for the same thing gets the same id, nobody can predict it.
   */
  deriveId(purpose: string, input: string): string {
    return createHmac('sha256', this.secret)
      .update(`${purpose}:${input}`)
      .digest()
      .subarray(0, 16)
      .toString('base64url')
  }

  private mac(body: string): string {
    return createHmac('sha256', this.secret).update(body).digest('base64url').slice(0, 32)
  }
}

/**
 * The configured secret, or one generated on first start into the data folder (mode 0600) so
 * links keep working across restarts.
 */
export function loadSecret(configured: string | null, dataDir: string): Buffer {
  if (configured) return Buffer.from(configured)
  const file = join(dataDir, 'secret.key')
  if (existsSync(file)) return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64url')
  mkdirSync(dataDir, { recursive: true })
  const secret = randomBytes(32)
  writeFileSync(file, secret.toString('base64url') + '\n', { mode: 0o600, flag: 'wx' })
  return secret
}

/** Unguessable session id: 128 random bits. */
export function newSessionId(): string {
  return randomBytes(16).toString('base64url')
}
