/** Limits of the coach workspace, shared by the server's schemas and the pages. */
export const WORKSPACE_LIMITS = {
  maxCandidate: 80,
  /** Sessions in one listing page (the default and the most a caller may ask for). */
  defaultPage: 200,
  maxPage: 500,
  /** Characters of a session's problem a listing row carries (its first line): bounds a page's bytes. */
  maxProblemHead: 120,
} as const

/** What a listing shows of a problem statement: its first non-empty line, at most `maxProblemHead` chars. */
export function problemHead(problem: string): string {
  const line = problem.split('\n').find((l) => l.trim() !== '') ?? ''
  return line.trim().slice(0, WORKSPACE_LIMITS.maxProblemHead)
}

/** The workspace's capability link: the key rides in the fragment, out of logs and Referer headers. */
export function workspaceLink(id: string, key: string): string {
  return `/w/${id}#key=${key}`
}

/** Reads the key from a `#key=` fragment. */
export function keyFromHash(hash: string): string | null {
  const key = new URLSearchParams(hash.replace(/^#/, '')).get('key')
  return key && key.length > 0 ? key : null
}
