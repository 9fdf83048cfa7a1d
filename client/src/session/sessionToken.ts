import { tokenFromHash } from '@mockboard/shared'

const key = (sessionId: string) => `mockboard:token:${sessionId}`

/**
 * Moves an invite token from the URL fragment into sessionStorage and strips it from the address
 * bar and history, so it isn't shared by a screenshot or copied link; reloads still find it.
 */
export function takeSessionToken(
  sessionId: string,
  loc: Location = location,
  hist: History = history,
): string | null {
  const fromHash = tokenFromHash(loc.hash)
  if (fromHash) {
    sessionStorage.setItem(key(sessionId), fromHash)
    hist.replaceState(hist.state, '', loc.pathname + loc.search)
    return fromHash
  }
  return sessionStorage.getItem(key(sessionId))
}
