import { createHmac } from 'node:crypto'

/**
 * Short-lived TURN credentials in coturn's `static-auth-secret` scheme (the "TURN REST API"):
 * the username is `<expiry unix seconds>:<label>`, the password base64(HMAC-SHA1(secret, username)).
 * coturn recomputes the password with the same secret and refuses expired usernames.
 */
export function turnCredentials(
  secret: string,
  label: string,
  ttlSeconds: number,
  now = Date.now(),
): { username: string; credential: string; expiresAt: number } {
  const expiry = Math.floor(now / 1000) + ttlSeconds
  const username = `${expiry}:${label}`
  const credential = createHmac('sha1', secret).update(username).digest('base64')
  return { username, credential, expiresAt: expiry * 1000 }
}
