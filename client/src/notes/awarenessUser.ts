import type { Role } from '@mockboard/shared'

/** The board's presence field (sync/bindPresence.ts publishes tldraw's instance_presence there). */
const PRESENCE_FIELD = 'presence'

/** What one awareness state says about a participant, whichever binding wrote it. */
export interface Participant {
  clientId: number
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
export function participantOf(clientId: number, state: Record<string, unknown>, localId: number): Participant | null {
  const presence = (state[PRESENCE_FIELD] ?? {}) as { userName?: unknown; color?: unknown }
  const user = (state.user ?? {}) as { name?: unknown; color?: unknown }
  const name = str(presence.userName) ?? str(user.name)
  const color = str(presence.color) ?? str(user.color)
  if (!name && !color) return null
  const role = state.role === 'interviewer' || state.role === 'candidate' || state.role === 'observer' ? state.role : null
  return { clientId, name: name ?? 'Anonymous', color: color ?? '#888888', role, isLocal: clientId === localId }
}

/** The `user` field y-codemirror.next draws remote carets with: same name and colour as on the board. */
export function codemirrorUser(name: string, color: string): { name: string; color: string; colorLight: string } {
  const hex = /^#[0-9a-f]{6}$/i.test(color) ? color : '#888888'
  return { name, color: hex, colorLight: `${hex}33` }
}
