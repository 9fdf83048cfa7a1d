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
