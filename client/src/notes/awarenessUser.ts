import type { Role } from '@mockboard/shared'

/** The board's presence field (sync/bindPresence.ts publishes tldraw's instance_presence there). */
const PRESENCE_FIELD = 'presence'

/** What one awareness state says about a participant, whichever binding wrote it. */
export interface Participant {
  clientId: number
  /** tldraw user id (for following their viewport); null if they have no board presence. */
  userId: string | null
  name: string
  color: string
  role: Role | null
  isLocal: boolean
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined)

/**
 * Reads name and colour from the tldraw presence record (the board's source of truth), falling
 * back to the `user` field y-codemirror reads; role from the `role` field the side panel sets.
 */
export function participantOf(
  clientId: number,
  state: Record<string, unknown>,
  localId: number,
): Participant | null {
  const presence = (state[PRESENCE_FIELD] ?? {}) as { userName?: unknown; color?: unknown; userId?: unknown }
  const user = (state.user ?? {}) as { name?: unknown; color?: unknown }
  const name = str(presence.userName) ?? str(user.name)
  const color = str(presence.color) ?? str(user.color)
  if (!name && !color) return null
  const role =
    state.role === 'interviewer' || state.role === 'candidate' || state.role === 'observer'
      ? state.role
      : null
  const userId = str(presence.userId) ?? null
  return {
    clientId,
    userId,
    name: name ?? 'Anonymous',
    color: color ?? '#888888',
    role,
    isLocal: clientId === localId,
  }
}

/** The `user` field y-codemirror.next draws remote carets with: same name and colour as on the board. */
export function codemirrorUser(
  name: string,
  color: string,
): { name: string; color: string; colorLight: string } {
  const hex = /^#[0-9a-f]{6}$/i.test(color) ? color : '#888888'
  return { name, color: hex, colorLight: `${hex}33` }
}

/** Presence colours far enough apart to tell people apart at a glance, in both themes. */
export const PRESENCE_COLORS = [
  '#0090ff',
  '#e5484d',
  '#30a46c',
  '#8e4ec6',
  '#f76b15',
  '#e93d82',
  '#12a594',
  '#5b5bd6',
  '#a18072',
] as const

/**
 * The colour this participant should switch to, or null to keep theirs. Whoever has the higher
 * client id gives way, so two pages that both see a clash never both change (and never flip-flop).
 */
export function colourToTake(me: Participant, others: Participant[]): string | null {
  const mine = me.color.toLowerCase()
  const inPalette = (PRESENCE_COLORS as readonly string[]).includes(mine)
  const clash = others.some((p) => p.color.toLowerCase() === mine && p.clientId < me.clientId)
  if (inPalette && !clash) return null
  const used = new Set(others.map((p) => p.color.toLowerCase()))
  return PRESENCE_COLORS.find((c) => !used.has(c)) ?? PRESENCE_COLORS[me.clientId % PRESENCE_COLORS.length]!
}
