import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'

/** A new workspace key: 256 random bits, URL-safe (it rides in the link's fragment). */
export function newWorkspaceKey(): string {
  return randomBytes(32).toString('base64url')
}

/** What the store keeps of a key: a leaked database does not open the workspaces. */
export function hashWorkspaceKey(key: string): string {
  return createHash('sha256').update(`mockboard-workspace:${key}`).digest('hex')
}

/** Whether `presented` is the key stored as `keyHash`, compared in constant time. */
export function workspaceKeyMatches(presented: string | null, keyHash: string): boolean {
  if (presented === null) return false
  const given = Buffer.from(hashWorkspaceKey(presented), 'hex')
  const expected = Buffer.from(keyHash, 'hex')
  return given.length === expected.length && timingSafeEqual(given, expected)
}

/**
 * A short tag of the key stored as `keyHash`, carried by the interviewer links a listing signs
 * (TokenClaims.keyTag): rotating the key changes it, and the links stop opening their sessions.
 * It says nothing usable about the key (a hash of its hash, 66 bits).
 */
export function workspaceKeyTag(keyHash: string): string {
  return createHash('sha256').update(`mockboard-key-tag:${keyHash}`).digest('base64url').slice(0, 11)
}
