/** Limits of the coach workspace, shared by the server's schemas and the pages. */
export const WORKSPACE_LIMITS = {
  maxCandidate: 80,
  /** Sessions in one listing page (the default and the most a caller may ask for). */
  defaultPage: 200,
  maxPage: 500,
} as const

/** The workspace's capability link: the key rides in the fragment, out of logs and Referer headers. */
export function workspaceLink(id: string, key: string): string {
  return `/w/${id}#key=${key}`
}

/** Reads the key from a `#key=` fragment. */
export function keyFromHash(hash: string): string | null {
  const key = new URLSearchParams(hash.replace(/^#/, '')).get('key')
  return key && key.length > 0 ? key : null
}
