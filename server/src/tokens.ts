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
}

const ROLE_CODE: Record<Role, string> = { interviewer: 'i', candidate: 'c', observer: 'o' }
const CODE_ROLE = new Map(ROLES.map((r) => [ROLE_CODE[r], r]))

/**
 * Signs and verifies invite tokens: `<session>.<role>.<expiry>.<hmac>`. Compact enough for a
 * URL fragment; the HMAC covers every field so none can be swapped.
 */
export class TokenSigner {
  constructor(private readonly secret: Buffer) {}

  sign(claims: TokenClaims): string {
    const body = `${claims.sessionId}.${ROLE_CODE[claims.role]}.${claims.expiresAt.toString(36)}`
    return `${body}.${this.mac(body)}`
  }

  /** Returns the claims, or null for anything forged, malformed or expired. */
  verify(token: string | undefined | null, nowMs = Date.now()): TokenClaims | null {
    if (typeof token !== 'string' || token.length > 200) return null
    const parts = token.split('.')
    if (parts.length !== 4) return null
    const [sessionId, code, exp, sig] = parts as [string, string, string, string]
    const expected = Buffer.from(this.mac(`${sessionId}.${code}.${exp}`))
    const given = Buffer.from(sig)
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null
    const role = CODE_ROLE.get(code)
    const expiresAt = parseInt(exp, 36)
    if (!role || !Number.isFinite(expiresAt) || expiresAt * 1000 <= nowMs) return null
    return { sessionId, role, expiresAt }
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
