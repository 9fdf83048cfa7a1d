import {
  computed,
  createUserId,
  getUserPreferences,
  setUserPreferences,
  type Signal,
  type TLUser,
  UserRecordType,
} from 'tldraw'

/**
 * The local participant for presence, derived from tldraw's user preferences (colour, id, and
 * the name, which the people menu can also edit).
 */
export function createUserSignal(name: string): Signal<TLUser | null> {
  const prefs = getUserPreferences()
  if (prefs.name !== name) setUserPreferences({ ...prefs, name })
  return computed('mockboard user', () => {
    const p = getUserPreferences()
    return UserRecordType.create({
      id: createUserId(p.id),
      name: p.name ?? name,
      color: p.color ?? '#4f46e5',
    })
  })
}
