import type { Role, SessionLinks } from '@mockboard/shared'

/** A session this browser created or joined, for "My sessions" in the lobby. */
export interface RememberedSession {
  id: string
  title: string
  role: Role
  /** This browser's invite token: the way back in (and to the replay). */
  token: string
  joinedAt: number
  /** All three links, kept when this browser created the session so they can be sent again. */
  links?: SessionLinks
  problemId?: string | null
  /** Set once the lobby has seen the session ended. */
  endedAt?: number | null
  /** The token no longer opens it (expired, or the session is gone). */
  gone?: boolean
}

const KEY = 'mockboard:sessions'
const MAX_ENTRIES = 50

/** The slice of localStorage used here (tests pass a Map-backed stand-in). */
export interface KeyValueStore {
  getItem(key: string): string | null
  setItem(key: string, value: string): void
}

function defaultStore(): KeyValueStore | null {
  try {
    // Reading localStorage throws when the browser blocks storage for this site.
    return (globalThis as { localStorage?: KeyValueStore }).localStorage ?? null
  } catch {
    return null
  }
}

/** Newest first. Unreadable or malformed storage reads as empty rather than breaking the lobby. */
export function listSessions(store: KeyValueStore | null = defaultStore()): RememberedSession[] {
  try {
    const parsed: unknown = JSON.parse(store?.getItem(KEY) ?? '[]')
    if (!Array.isArray(parsed)) return []
    return parsed
      .filter(
        (e: Partial<RememberedSession> | null): e is RememberedSession =>
          !!e && typeof e.id === 'string' && typeof e.token === 'string' && typeof e.role === 'string',
      )
      .sort((a, b) => b.joinedAt - a.joinedAt)
  } catch {
    return []
  }
}

function save(entries: RememberedSession[], store: KeyValueStore | null): void {
  try {
    store?.setItem(KEY, JSON.stringify(entries.slice(0, MAX_ENTRIES)))
  } catch {
    // Full or disabled storage: "My sessions" is a convenience, never a reason to fail.
  }
}

/**
 * Records (or refreshes) a session this browser created or joined. The session page calls it on
 * join. One entry per session and role: joining a session again moves it to the top, keeping the
 * links and state the lobby learned earlier.
 */
export function rememberSession(
  entry: RememberedSession,
  store: KeyValueStore | null = defaultStore(),
): void {
  const all = listSessions(store)
  const previous = all.find((e) => e.id === entry.id && e.role === entry.role)
  const rest = all.filter((e) => !(e.id === entry.id && e.role === entry.role))
  save([{ ...previous, ...entry, links: entry.links ?? previous?.links }, ...rest], store)
}

/** Updates what the lobby learned about a session (ended, gone, new title). */
export function updateSession(
  id: string,
  role: Role,
  patch: Partial<RememberedSession>,
  store: KeyValueStore | null = defaultStore(),
): void {
  save(
    listSessions(store).map((e) => (e.id === id && e.role === role ? { ...e, ...patch } : e)),
    store,
  )
}

export function forgetSession(id: string, role: Role, store: KeyValueStore | null = defaultStore()): void {
  save(
    listSessions(store).filter((e) => !(e.id === id && e.role === role)),
    store,
  )
}

/** Drops every entry (any role) of these sessions: a coach forgetting a workspace on a shared device. */
export function forgetSessions(ids: ReadonlySet<string>, store: KeyValueStore | null = defaultStore()): void {
  save(
    listSessions(store).filter((e) => !ids.has(e.id)),
    store,
  )
}

export function tokenOfLink(link: string): string {
  return new URLSearchParams(link.split('#')[1] ?? '').get('token') ?? ''
}
