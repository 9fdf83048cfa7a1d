/** Formatting shared by the report's sections. */

export const minutesOf = (ms: number) => `${Math.round(ms / 6_000) / 10} min`

export const dateTime = (at: number | null) =>
  at === null ? '—' : new Date(at).toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' })

export const clockTime = (at: number | null) => (at === null ? '—' : new Date(at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }))

/** Minutes into the session, as interviewers quote them ("at 23′"). */
export const offsetMinutes = (at: number, origin: number) => `${Math.max(0, Math.floor((at - origin) / 60_000))}′`
