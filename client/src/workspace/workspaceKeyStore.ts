import { keyFromHash } from '@mockboard/shared'

const prefix = (id: string) => `mockboard:workspace:${id}`

/**
 * The workspace's key: from the link's `#key=` fragment when there is one (then remembered in this
 * browser for that workspace, so its sub-pages and the lobby find it), else the remembered one.
 * The fragment leaves the address bar and history at once: the key opens every session of the
 * workspace as the interviewer, and a coach shares their screen (the session page does the same
 * with its token).
 */
export function workspaceKey(id: string, loc: Location = location, hist: History = history): string | null {
  const fromLink = keyFromHash(loc.hash)
  if (fromLink) hist.replaceState(hist.state, '', loc.pathname + loc.search)
  try {
    if (fromLink) localStorage.setItem(prefix(id), fromLink)
    return fromLink ?? localStorage.getItem(prefix(id))
  } catch {
    // Storage blocked: the link still works for this page.
    return fromLink
  }
}

/** After a rotation, when the server says the key is no longer this workspace's, or when the coach asks. */
export function rememberWorkspaceKey(id: string, key: string | null): void {
  try {
    if (key) localStorage.setItem(prefix(id), key)
    else localStorage.removeItem(prefix(id))
  } catch {
    // Nothing to do: the page keeps the key in memory.
  }
}
