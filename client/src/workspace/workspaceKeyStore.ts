import { keyFromHash } from '@mockboard/shared'

const prefix = (id: string) => `mockboard:workspace:${id}`

/**
 * The workspace's key: from the link's `#key=` fragment when there is one (then remembered in this
 * browser for that workspace, so its sub-pages and the lobby find it), else the remembered one.
 */
export function workspaceKey(id: string, hash: string = location.hash): string | null {
  const fromLink = keyFromHash(hash)
  try {
    if (fromLink) localStorage.setItem(prefix(id), fromLink)
    return fromLink ?? localStorage.getItem(prefix(id))
  } catch {
    // Storage blocked: the link still works for this page.
    return fromLink
  }
}

/** After a rotation, or when the server says the key is no longer this workspace's. */
export function rememberWorkspaceKey(id: string, key: string | null): void {
  try {
    if (key) localStorage.setItem(prefix(id), key)
    else localStorage.removeItem(prefix(id))
  } catch {
    // Nothing to do: the page keeps the key in memory.
  }
}
